"""The township catalog: profile, items, compiling from guides, undoable commands, versions, the service."""
