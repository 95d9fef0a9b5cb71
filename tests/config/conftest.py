from tests.windows.conftest import windows  # noqa: F401  (the windows of the region tree, for the shell's pages)
