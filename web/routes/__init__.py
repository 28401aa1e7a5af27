"""Routes of the workspace, one module per resource."""
