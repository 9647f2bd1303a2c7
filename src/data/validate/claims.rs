//! Rules for the parts of a claim that several records share: who claims it (`claimed_by`), a
//! statement (actor and text), a list of cited notes or statements, and a disagreement between
//! versions.

use crate::data::ACTOR_KINDS;
use crate::data::model::{Claimant, Disagreement, Note, Statement};

use super::checker::Record;

/// An unknown actor kind is an error (like an unknown status); a missing claimant is only a
/// warning (see `evidence`), so that files from before `claimed_by` still load.
pub(super) fn check_claimant(r: &mut Record<'_, '_>, field: &str, claimant: Option<&Claimant>) {
    let Some(claimant) = claimant else {
        return;
    };
    if !ACTOR_KINDS.contains(&claimant.kind.as_str()) {
        r.report(
            &format!("{field}.claimed_by.kind"),
            format!(
                "{:?} is not an actor kind; use one of {}",
                claimant.kind,
                ACTOR_KINDS.join(", ")
            ),
        );
    }
    if claimant.actor.trim().is_empty() {
        r.report(
            &format!("{field}.claimed_by.actor"),
            "actor is empty; name who makes the claim".to_owned(),
        );
    }
    r.plain(&format!("{field}.claimed_by.actor"), &claimant.actor);
}

/// A disagreement has at least two versions, each with its claim and sources.
pub(super) fn check_disagreement<'a>(
    r: &mut Record<'_, 'a>,
    field: &str,
    disagreement: &'a Disagreement,
) {
    if disagreement.versions.len() < 2 {
        r.report(
            &format!("{field}.versions"),
            "a disagreement needs at least two versions".to_owned(),
        );
    }
    r.text(&format!("{field}.topic"), &disagreement.topic);
    for (j, version) in disagreement.versions.iter().enumerate() {
        r.text(&format!("{field}.versions[{j}].claim"), &version.claim);
        r.sources(
            &format!("{field}.versions[{j}].sources"),
            &version.sources,
            true,
        );
    }
}

/// The actor and text of a statement: free text shown in the side panel.
pub(super) fn check_statement(r: &mut Record<'_, '_>, field: &str, statement: &Statement) {
    r.plain(&format!("{field}.actor"), &statement.actor);
    r.text(&format!("{field}.text"), &statement.text);
}

/// A list of notes (`field[i].text`, `field[i].sources`): free text, each note cited.
pub(super) fn check_notes<'a>(r: &mut Record<'_, 'a>, field: &str, notes: &'a [Note]) {
    for (i, note) in notes.iter().enumerate() {
        r.text(&format!("{field}[{i}].text"), &note.text);
        r.sources(&format!("{field}[{i}].sources"), &note.sources, true);
    }
}

/// A list of statements (China's stated position): each with its actor, text, date and sources.
pub(super) fn check_statements<'a>(
    r: &mut Record<'_, 'a>,
    field: &str,
    statements: &'a [Statement],
) {
    for (i, statement) in statements.iter().enumerate() {
        check_statement(r, &format!("{field}[{i}]"), statement);
        r.date(&format!("{field}[{i}].date"), &statement.date, true);
        r.sources(&format!("{field}[{i}].sources"), &statement.sources, true);
    }
}
