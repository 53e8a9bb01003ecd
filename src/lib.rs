//! gongkai (公开, "made public"): a static, bilingual report-site generator for the plans for
//! the high-quality development of public hospitals.
//!
//! The pipeline runs one way: [`content`] (read files) → [`model`] (validate and cross-reference)
//! → [`assess`] (progress against targets) → [`chart`] → [`render`] → [`output`]; [`build`] is
//! the one path through them that every command takes, and [`serve`] and [`cli`] sit on top;
//! [`spreadsheet`] reads workbooks and CSV, and [`import`] brings their numbers into the content.
//! [`routes`] knows where every page lives; [`sink`] is where files go. The layers and where a
//! new page, field or command goes: `docs/architecture.md`.

pub mod assess;
pub mod build;
pub mod chart;
pub mod cli;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod init;
pub mod messages;
pub mod model;
pub mod output;
pub mod progress;
pub mod publish;
pub mod render;
pub mod routes;
pub mod serve;
pub mod sink;
pub mod spreadsheet;
pub mod template;
pub mod vocab;
pub mod watch;
