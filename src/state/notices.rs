//! The one way the app tells the user something that is not part of a panel: the outcome of an
//! export, a warning about settings or the tile cache. The toolbar shows them; tests read them.

/// Problems with a data file the user tried to load, shown in their own window.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    /// The file the problems are about.
    pub file: String,
    /// One line per problem, as `check` prints them.
    pub lines: Vec<String>,
}

/// How a notice reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The outcome of something the user did ("Exported 90 stations to …").
    Info,
    /// Something went wrong but the app carries on ("Settings could not be read: …").
    Warning,
}

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How it reads.
    pub level: Level,
    /// What it says.
    pub text: String,
}

/// The messages shown, newest last. An outcome replaces the previous outcome (only the last
/// export's result matters); warnings stay until dismissed.
#[derive(Clone, Debug, Default)]
pub struct Notices(Vec<Notice>);

impl Notices {
    /// Reports the outcome of an action, replacing the previous outcome.
    pub fn info(&mut self, text: impl Into<String>) {
        self.0.retain(|n| n.level != Level::Info);
        self.0.push(Notice {
            level: Level::Info,
            text: text.into(),
        });
    }

    /// Reports a problem; the same warning twice is shown once.
    pub fn warn(&mut self, text: impl Into<String>) {
        let text = text.into();
        log::warn!("{text}");
        if !self
            .0
            .iter()
            .any(|n| n.level == Level::Warning && n.text == text)
        {
            self.0.push(Notice {
                level: Level::Warning,
                text,
            });
        }
    }

    /// Removes the notice at `index` (as listed by [`Self::iter`]).
    pub fn dismiss(&mut self, index: usize) {
        if index < self.0.len() {
            self.0.remove(index);
        }
    }

    /// The notices, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Notice> {
        self.0.iter()
    }

    /// The last outcome reported, if any.
    pub fn last_info(&self) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|n| n.level == Level::Info)
            .map(|n| n.text.as_str())
    }

    /// The warnings, oldest first.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|n| n.level == Level::Warning)
            .map(|n| n.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_replaces_the_last_and_warnings_stay_until_dismissed() {
        let mut notices = Notices::default();
        notices.warn("settings unreadable");
        notices.info("Exported 3 stations");
        notices.info("Exported 5 stations");
        notices.warn("settings unreadable");
        assert_eq!(notices.last_info(), Some("Exported 5 stations"));
        assert_eq!(
            notices.warnings().collect::<Vec<_>>(),
            ["settings unreadable"]
        );
        assert_eq!(notices.iter().count(), 2);
        notices.dismiss(0);
        assert_eq!(notices.warnings().count(), 0);
        notices.dismiss(7);
        assert_eq!(notices.iter().count(), 1);
    }
}
