"""Pages of procurement: one module per entity, public.py for pages without login, exports.py for Excel."""
