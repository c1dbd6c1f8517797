"""Site profiles: one module per layout, found by name through `registry`."""
