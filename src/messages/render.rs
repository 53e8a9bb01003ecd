//! What rendering and publishing say: theme and template problems, `check --strict`, writing.

crate::messages::catalogue! {}
