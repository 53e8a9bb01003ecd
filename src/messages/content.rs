//! What reading `content/` says: problems with files, YAML, CSV and Markdown, and their hints.

crate::messages::catalogue! {}
