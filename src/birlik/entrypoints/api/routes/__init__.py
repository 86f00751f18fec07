"""One router per feature; `birlik.entrypoints.api.app` mounts them all under /api/v1."""
