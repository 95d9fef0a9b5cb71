"""Pages of the evaluation app, one module per entity: evaluations (list, workspace and its steps), surveys (the
survey steps and the quick entry screen), results, templates, and public (pages without login)."""
