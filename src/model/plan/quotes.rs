//! A target's or task's quote checked against its plan's text, and the columns a target takes
//! from the plan's table; problems reported at the quote's owner.

use super::{Found, Quotes, normalize};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::model as m;
use crate::msg;

/// Look a quote (a target's or task's `text.zh`) up in the plan's text; its anchor, or a
/// problem reported at the quote's owner (`path`: `targets[3]`, `[5]`) in `file`.
pub(crate) fn check_quote(
    plan: &Quotes,
    quote: &str,
    plan_ref: Option<&str>,
    path: &str,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let plan_file = plan.file.display();
    match plan.find(quote, plan_ref) {
        Found::At(anchor) => anchor,
        Found::Missing { passage, nearest } => {
            let hint = match nearest {
                Some(n) => msg!(m::PLAN_QUOTE_NEAREST, file = &plan_file, nearest = n),
                None => msg!(m::PLAN_QUOTE_NO_NEAREST, file = &plan_file),
            };
            diags.push(
                Diagnostic::error(
                    file,
                    Location::YamlPath(format!("{path}.text")),
                    msg!(m::PLAN_QUOTE_MISSING, passage = passage),
                )
                .with_hint(hint),
            );
            None
        }
        Found::UnknownRef => {
            let anchor = plan_ref.unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    file,
                    Location::YamlPath(format!("{path}.plan_ref")),
                    msg!(m::PLAN_REF_UNKNOWN, anchor = anchor),
                )
                .with_hint(msg!(m::PLAN_REF_UNKNOWN_HINT, file = &plan_file)),
            );
            None
        }
    }
}

/// A target's columns of the plan's table (`attribute`: 指标属性, `schedule`: 按年调度) are cells
/// of the row its quote is from, as written; a problem is reported at the field.
pub(crate) fn check_table_columns(
    plan: &Quotes,
    target: &crate::model::Target,
    path: &str,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) {
    // A quote not found was reported already.
    let Some(anchor) = &target.anchor else { return };
    for (field, value) in [("attribute", &target.attribute), ("schedule", &target.schedule)] {
        let Some(zh) = value.as_ref().and_then(|v| v.get("zh")) else { continue };
        let at = Location::YamlPath(format!("{path}.{field}"));
        match plan.row_cells(anchor) {
            Some(cells) if cells.iter().any(|c| *c == normalize(zh)) => {}
            Some(cells) => {
                let cells = cells.iter().filter(|c| !c.is_empty()).map(|c| format!("`{c}`")).collect::<Vec<_>>();
                diags.push(
                    Diagnostic::error(
                        file,
                        at,
                        msg!(m::PLAN_CELL_NOT_IN_ROW, field = field, value = zh, anchor = anchor),
                    )
                    .with_hint(msg!(m::PLAN_CELL_NOT_IN_ROW_HINT, cells = cells.join(" "))),
                );
            }
            None => diags.push(
                Diagnostic::error(file, at, msg!(m::PLAN_CELL_NOT_A_ROW, field = field, anchor = anchor))
                    .with_hint(msg!(m::PLAN_CELL_NOT_A_ROW_HINT, field = field)),
            ),
        }
    }
}
