//! What checking the content says: unknown ids, bad values, periods, targets, tasks, pages.

crate::messages::catalogue! {}
