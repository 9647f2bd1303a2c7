//! The status and claimant vocabularies, and the one rule that says which claimant may claim
//! which status (`docs/data-format.md`, "Who says so").
//!
//! A status never says more than whoever claims it: a closure counts as closed only when host
//! authorities or a court say so; the same claim from the PRC side, the operators or the press is
//! shown as a closure *claimed* by them.

use super::model::{Claimant, StatusEvent};

/// The known values of a station's status and of a government response's action, from the least
/// to the most that can be said, then the statuses that stand beside that scale.
pub const STATUSES: [&str; 14] = [
    "reported",
    "investigation",
    "no_charges",
    "no_evidence_found",
    "denied_by_host",
    "ordered_closed",
    "closed",
    "closure_claimed",
    "referred_to_prosecutors",
    "charges_filed",
    "conviction",
    "activity_continued",
    "disputed",
    "other",
];

/// A human-readable label for a status value.
pub fn status_label(status: &str) -> &str {
    match status {
        "reported" => "reported",
        "investigation" => "under investigation",
        "no_charges" => "investigation ended without charges",
        "no_evidence_found" => "no evidence found by host authorities",
        "denied_by_host" => "denied by host authorities",
        "ordered_closed" => "ordered closed by host authorities",
        "closed" => "closed (per host authorities)",
        "closure_claimed" => "closure claimed (not by host authorities)",
        "referred_to_prosecutors" => "referred to prosecutors",
        "charges_filed" => "charges filed",
        "conviction" => "conviction",
        "activity_continued" => "activity reported to continue",
        "disputed" => "disputed",
        "other" => "other",
        other => other,
    }
}

/// The kinds of actor that make claims (`claimed_by.kind`).
pub const ACTOR_KINDS: [&str; 9] = [
    "host_government",
    "host_police",
    "host_judicial",
    "host_legislator",
    "prc_official",
    "operators",
    "ngo",
    "press",
    "other",
];

/// A human-readable label for an actor kind.
pub fn actor_kind_label(kind: &str) -> &str {
    match kind {
        "host_government" => "host government",
        "host_police" => "host police",
        "host_judicial" => "host court or prosecutor",
        "host_legislator" => "host legislator",
        "prc_official" => "PRC government or embassy",
        "operators" => "the operators",
        "ngo" => "NGO",
        "press" => "press",
        "other" => "other",
        other => other,
    }
}

/// Host authorities: the only claimants whose word makes a station investigated, closed, or
/// found not to exist.
const HOST_AUTHORITIES: &[&str] = &["host_government", "host_police", "host_judicial"];

/// Who may claim a status, where not everyone may: the one table behind [`claimant_allows`] and
/// [`allowed_claimants`].
fn required_claimants(status: &str) -> Option<&'static [&'static str]> {
    match status {
        "investigation"
        | "no_charges"
        | "no_evidence_found"
        | "denied_by_host"
        | "ordered_closed"
        | "closed"
        | "referred_to_prosecutors"
        | "charges_filed" => Some(HOST_AUTHORITIES),
        "conviction" => Some(&["host_judicial"]),
        _ => None,
    }
}

/// Whether a claimant of this kind may claim this status: the rule `check` warns about and the
/// map follows.
pub fn claimant_allows(status: &str, kind: &str) -> bool {
    required_claimants(status).is_none_or(|kinds| kinds.contains(&kind))
}

/// The claimant kinds that may claim a status, in words, for messages.
pub fn allowed_claimants(status: &str) -> String {
    required_claimants(status).map_or_else(|| "anyone".to_owned(), |kinds| kinds.join(" or "))
}

impl StatusEvent {
    /// The status the map, filters, lists and exports show: the entry's own status, except that a
    /// closure claimed by anyone but host authorities is a closure *claimed* (by them), and any
    /// other status stronger than its claimant allows is shown as merely reported.
    pub fn effective_status(&self) -> &str {
        effective(&self.status, self.claimed_by.as_ref())
    }
}

/// What happened to a station, in the few classes the map colours its markers by: its status as
/// shown (the latest known at the timeline's date, never stronger than its claimant may claim).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StatusClass {
    /// Reported only; no known action.
    #[default]
    Reported,
    /// Under investigation by the host.
    Investigated,
    /// Referred to prosecutors, charged or convicted.
    Prosecuted,
    /// Closed or ordered closed, as host authorities or a court say.
    ClosedByHost,
    /// Said to be closed by others (an embassy, the operators, the press).
    ClosureClaimed,
    /// Denied, no evidence found, or no charges, by host authorities.
    NoCase,
    /// Disputed, activity continued, or another status.
    Other,
}

impl StatusClass {
    /// Every class, in the legend's order.
    pub const ALL: [Self; 7] = [
        Self::Reported,
        Self::Investigated,
        Self::Prosecuted,
        Self::ClosedByHost,
        Self::ClosureClaimed,
        Self::NoCase,
        Self::Other,
    ];

    /// The class of an effective status (see [`effective`]).
    pub fn of(effective_status: &str) -> Self {
        match effective_status {
            "reported" => Self::Reported,
            "investigation" => Self::Investigated,
            "referred_to_prosecutors" | "charges_filed" | "conviction" => Self::Prosecuted,
            "closed" | "ordered_closed" => Self::ClosedByHost,
            "closure_claimed" => Self::ClosureClaimed,
            "no_charges" | "no_evidence_found" | "denied_by_host" => Self::NoCase,
            _ => Self::Other,
        }
    }

    /// A short name for the map's legend.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Reported => "reported only",
            Self::Investigated => "investigated",
            Self::Prosecuted => "referred / charged",
            Self::ClosedByHost => "closed (per host)",
            Self::ClosureClaimed => "closure claimed",
            Self::NoCase => "denied / no case",
            Self::Other => "disputed / other",
        }
    }

    /// How the legend's hover names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reported => "reported only, no known action",
            Self::Investigated => "under investigation by the host",
            Self::Prosecuted => "referred to prosecutors, charged or convicted",
            Self::ClosedByHost => "closed or ordered closed, per host authorities",
            Self::ClosureClaimed => "closure claimed by others (not the host)",
            Self::NoCase => "denied, no evidence or no charges, per host",
            Self::Other => "disputed, activity continued, or other",
        }
    }
}

/// See [`StatusEvent::effective_status`]; also used for responses.
pub fn effective<'a>(status: &'a str, claimed_by: Option<&Claimant>) -> &'a str {
    let Some(claimant) = claimed_by else {
        return status;
    };
    if claimant_allows(status, &claimant.kind) {
        status
    } else if matches!(status, "closed" | "ordered_closed") {
        "closure_claimed"
    } else {
        "reported"
    }
}

/// "according to RCMP (host police)": who says so, for the panel, citations and exports.
pub fn according_to(claimant: &Claimant) -> String {
    format!(
        "according to {} ({})",
        claimant.actor,
        actor_kind_label(&claimant.kind)
    )
}

/// A status or response as shown, with who claims it: "investigation, according to El Mundo
/// (press)". "other" is not named, as it says nothing by itself (the item's text says what
/// happened): "according to Global Affairs Canada (host government)".
pub fn claimed_status_words(status: &str, claimed_by: Option<&Claimant>) -> String {
    let status = effective(status, claimed_by);
    match (status, claimed_by) {
        ("other", Some(claimant)) => according_to(claimant),
        (status, Some(claimant)) => format!("{}, {}", status_label(status), according_to(claimant)),
        (status, None) => status_label(status).to_owned(),
    }
}

/// A response in a table cell: its action, or, where the action is "other" (which says
/// nothing there), who acted.
pub fn response_gist(response: &super::Response) -> &str {
    match effective(&response.action, response.claimed_by.as_ref()) {
        "other" => &response.actor,
        action => status_label(action),
    }
}

/// ISO 3166-1 alpha-2 codes of European countries (for "how many of a report's stations are in
/// Europe"); Russia and Turkey are counted as European, Cyprus too, the Caucasus is not.
pub const EUROPE: [&str; 47] = [
    "AD", "AL", "AT", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
    "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT",
    "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "SM", "TR", "UA", "VA", "XK",
];

#[cfg(test)]
mod status_class_tests {
    use super::*;

    #[test]
    fn every_status_has_a_class_and_only_host_closures_count_as_closed() {
        for status in STATUSES {
            let class = StatusClass::of(status);
            assert!(StatusClass::ALL.contains(&class), "{status}");
        }
        assert_eq!(StatusClass::of("closed"), StatusClass::ClosedByHost);
        assert_eq!(
            StatusClass::of("closure_claimed"),
            StatusClass::ClosureClaimed
        );
        assert_eq!(
            StatusClass::of("referred_to_prosecutors"),
            StatusClass::Prosecuted
        );
        assert_eq!(StatusClass::of("no_charges"), StatusClass::NoCase);
        assert_eq!(StatusClass::of("reported"), StatusClass::Reported);
        // An embassy's "closed" is shown as a claimed closure, not as closed by the host.
        let embassy = Claimant {
            actor: "PRC embassy".into(),
            kind: "prc_official".into(),
        };
        assert_eq!(
            StatusClass::of(effective("closed", Some(&embassy))),
            StatusClass::ClosureClaimed
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_worded_with_its_claimant_and_other_is_not_named() {
        let press = Claimant {
            actor: "El Mundo".to_owned(),
            kind: "press".to_owned(),
        };
        let police = Claimant {
            actor: "Songpa Police Station".to_owned(),
            kind: "host_police".to_owned(),
        };
        assert_eq!(
            claimed_status_words("investigation", Some(&police)),
            "under investigation, according to Songpa Police Station (host police)"
        );
        // The press's word does not make a station investigated.
        assert_eq!(
            claimed_status_words("investigation", Some(&press)),
            "reported, according to El Mundo (press)"
        );
        assert_eq!(
            claimed_status_words("other", Some(&press)),
            "according to El Mundo (press)"
        );
        // The press may not close a station: what it says shows as a closure claimed.
        assert_eq!(
            claimed_status_words("closed", Some(&press)),
            "closure claimed (not by host authorities), according to El Mundo (press)"
        );
        assert_eq!(claimed_status_words("reported", None), "reported");
        let response = |action: &str| crate::data::Response {
            actor: "Global Affairs Canada".to_owned(),
            action: action.to_owned(),
            ..Default::default()
        };
        assert_eq!(response_gist(&response("other")), "Global Affairs Canada");
        assert_eq!(
            response_gist(&response("investigation")),
            "under investigation"
        );
    }

    fn event(status: &str, kind: &str) -> StatusEvent {
        StatusEvent {
            status: status.to_owned(),
            claimed_by: Some(Claimant {
                actor: "someone".to_owned(),
                kind: kind.to_owned(),
            }),
            ..StatusEvent::default()
        }
    }

    #[test]
    fn a_closure_claimed_by_the_prc_side_is_not_a_closure() {
        assert_eq!(
            event("closed", "prc_official").effective_status(),
            "closure_claimed"
        );
        assert_eq!(
            event("ordered_closed", "operators").effective_status(),
            "closure_claimed"
        );
        assert_eq!(event("closed", "host_police").effective_status(), "closed");
    }

    #[test]
    fn a_charge_or_conviction_needs_the_right_claimant() {
        assert_eq!(event("conviction", "press").effective_status(), "reported");
        assert_eq!(
            event("conviction", "host_police").effective_status(),
            "reported"
        );
        assert_eq!(
            event("conviction", "host_judicial").effective_status(),
            "conviction"
        );
        assert_eq!(
            event("charges_filed", "host_legislator").effective_status(),
            "reported"
        );
        assert_eq!(
            event("activity_continued", "press").effective_status(),
            "activity_continued"
        );
    }

    #[test]
    fn every_status_has_a_label_and_every_kind_a_name() {
        for s in STATUSES {
            assert!(!status_label(s).contains('_'), "{s}");
        }
        for k in ACTOR_KINDS {
            assert!(!actor_kind_label(k).contains('_'), "{k}");
        }
    }
}
