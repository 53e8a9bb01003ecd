//! What the preview says: its console lines, the error overlay, reload notices.

crate::messages::catalogue! {}
