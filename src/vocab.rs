//! The fixed vocabularies of the content format: each word a user may write for a kind,
//! direction, level, bound or status. Shared by every stage; the words are the contract in
//! `docs/content-format.md`.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as written in content files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parse the word as written in content files.
            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }

            /// Every word, for hints.
            pub fn words() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|v| v.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// Whether an indicator is measured by a number or by a stage of work.
    Kind { Quantitative = "quantitative", Qualitative = "qualitative" }
);

vocabulary!(
    /// Which way is better.
    Direction { Increase = "increase", Decrease = "decrease", Range = "range", Monitor = "monitor" }
);

vocabulary!(
    /// How often an indicator is reported.
    Frequency { Yearly = "yearly", Quarterly = "quarterly", Monthly = "monthly" }
);

vocabulary!(
    /// The administrative level of a region.
    Level { Province = "province", Prefecture = "prefecture", County = "county", District = "district" }
);

vocabulary!(
    /// How a target's value bounds the indicator.
    Bound { Min = "min", Max = "max", Exact = "exact", Range = "range" }
);

vocabulary!(
    /// What a target's value is: a level, a change per year in percent or in the indicator's
    /// unit, or a rank (a place among the regions of a level above: 前三 is `value: 3`).
    TargetKind { Level = "level", AnnualChange = "annual_change", AnnualIncrease = "annual_increase", Rank = "rank" }
);

vocabulary!(
    /// When a target without a year falls due: at the end of its plan's horizon (力争通过5年努力,
    /// 逐步…达到), as against a standing bound that holds at all times (不低于5%).
    Due { Horizon = "horizon" }
);

vocabulary!(
    /// The state of a piece of work: a qualitative observation, or a task's status.
    WorkState { Done = "done", InProgress = "in_progress", NotStarted = "not_started", Delayed = "delayed" }
);

vocabulary!(
    /// The result of assessing a series against a target.
    Status {
        Achieved = "achieved",
        OnTrack = "on_track",
        NeedsAcceleration = "needs_acceleration",
        OffTrack = "off_track",
        Missed = "missed",
        NotAssessable = "not_assessable",
        Monitored = "monitored",
    }
);

impl Frequency {
    /// Periods per year.
    pub fn per_year(self) -> u32 {
        match self {
            Frequency::Yearly => 1,
            Frequency::Quarterly => 4,
            Frequency::Monthly => 12,
        }
    }
}

impl Direction {
    /// The bound a target takes when its file does not say.
    pub fn default_bound(self) -> Bound {
        match self {
            Direction::Increase => Bound::Min,
            Direction::Decrease => Bound::Max,
            Direction::Range => Bound::Range,
            Direction::Monitor => Bound::Exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        assert_eq!(WorkState::parse("in_progress"), Some(WorkState::InProgress));
        assert_eq!(WorkState::parse("In progress"), None);
    }
}
