//! The filters beside the search box: year, teaching group, SEND status and caseload.
//!
//! Each filter has a value for the URL and the `<option>` (empty for "All") and reads any
//! value it does not know as "All", so an old or edited link never shows an error.

use mentor_core::ids::EntityId;

/// The SEND filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SendFilter {
    #[default]
    All,
    SenSupport,
    Ehcp,
    /// SEN support or an EHCP.
    Either,
    /// `none`, or nothing recorded.
    NoneRecorded,
}

impl SendFilter {
    /// In the order the select lists them.
    pub const EVERY: [SendFilter; 5] = [
        SendFilter::All,
        SendFilter::SenSupport,
        SendFilter::Ehcp,
        SendFilter::Either,
        SendFilter::NoneRecorded,
    ];

    /// The value in the URL and in the `<option>`; empty for "All".
    pub fn value(self) -> &'static str {
        match self {
            SendFilter::All => "",
            SendFilter::SenSupport => "sen_support",
            SendFilter::Ehcp => "ehcp",
            SendFilter::Either => "any",
            SendFilter::NoneRecorded => "none",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SendFilter::All => "All",
            SendFilter::SenSupport => "SEN support",
            SendFilter::Ehcp => "EHCP",
            SendFilter::Either => "SEN support or EHCP",
            SendFilter::NoneRecorded => "None recorded",
        }
    }

    /// Reads a value; anything unknown is "All".
    pub fn parse(value: &str) -> Self {
        Self::EVERY
            .into_iter()
            .find(|filter| filter.value() == value)
            .unwrap_or_default()
    }

    /// True if a student with this `send_status` (empty when not recorded) passes the filter.
    pub fn accepts(self, status: &str) -> bool {
        match self {
            SendFilter::All => true,
            SendFilter::SenSupport => status == "sen_support",
            SendFilter::Ehcp => status == "ehcp",
            SendFilter::Either => matches!(status, "sen_support" | "ehcp"),
            SendFilter::NoneRecorded => !matches!(status, "sen_support" | "ehcp"),
        }
    }
}

/// The caseload filter. "Mine" follows whoever is signed in, so a shared link or a device that
/// changes hands never shows someone else's caseload as "My caseload".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseloadFilter {
    #[default]
    All,
    Mine,
    Mentor(EntityId),
}

impl CaseloadFilter {
    /// The value in the URL and in the `<option>`; empty for "All".
    pub fn value(self) -> String {
        match self {
            CaseloadFilter::All => String::new(),
            CaseloadFilter::Mine => "mine".to_owned(),
            CaseloadFilter::Mentor(mentor) => mentor.to_string(),
        }
    }

    /// Reads a value; anything unknown is "All".
    pub fn parse(value: &str) -> Self {
        match value {
            "mine" => CaseloadFilter::Mine,
            other => other
                .parse()
                .map_or(CaseloadFilter::All, CaseloadFilter::Mentor),
        }
    }

    /// True if a student on the caseloads of `mentors` passes the filter, for the staff member
    /// `me` who is signed in.
    pub fn accepts(self, mentors: &[EntityId], me: Option<EntityId>) -> bool {
        match self {
            CaseloadFilter::All => true,
            CaseloadFilter::Mine => me.is_some_and(|me| mentors.contains(&me)),
            CaseloadFilter::Mentor(mentor) => mentors.contains(&mentor),
        }
    }
}

/// The filters beside the search box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    pub year: Option<u8>,
    pub group: Option<EntityId>,
    pub send: SendFilter,
    pub caseload: CaseloadFilter,
}

impl Filters {
    /// How many filters are set (shown on the "Filters" disclosure).
    pub fn active_count(&self) -> usize {
        [
            self.year.is_some(),
            self.group.is_some(),
            self.send != SendFilter::All,
            self.caseload != CaseloadFilter::All,
        ]
        .into_iter()
        .filter(|active| *active)
        .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap()
    }

    #[test]
    fn send_values_read_back_and_unknown_ones_are_all() {
        for filter in SendFilter::EVERY {
            assert_eq!(SendFilter::parse(filter.value()), filter, "{filter:?}");
        }
        assert_eq!(SendFilter::parse("EHCP"), SendFilter::All);
        assert_eq!(SendFilter::parse("junk"), SendFilter::All);
    }

    #[test]
    fn send_filter_accepts_by_status() {
        let accepted = |filter: SendFilter| {
            ["", "none", "sen_support", "ehcp"]
                .into_iter()
                .filter(|status| filter.accepts(status))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            accepted(SendFilter::All),
            ["", "none", "sen_support", "ehcp"]
        );
        assert_eq!(accepted(SendFilter::SenSupport), ["sen_support"]);
        assert_eq!(accepted(SendFilter::Ehcp), ["ehcp"]);
        assert_eq!(accepted(SendFilter::Either), ["sen_support", "ehcp"]);
        assert_eq!(accepted(SendFilter::NoneRecorded), ["", "none"]);
    }

    #[test]
    fn caseload_values_read_back_and_unknown_ones_are_all() {
        for filter in [
            CaseloadFilter::All,
            CaseloadFilter::Mine,
            CaseloadFilter::Mentor(id(3)),
        ] {
            assert_eq!(CaseloadFilter::parse(&filter.value()), filter, "{filter:?}");
        }
        assert_eq!(CaseloadFilter::parse("Mine"), CaseloadFilter::All);
        assert_eq!(CaseloadFilter::parse("not-an-id"), CaseloadFilter::All);
    }

    #[test]
    fn my_caseload_needs_someone_signed_in() {
        let mentors = [id(1), id(2)];
        assert!(CaseloadFilter::Mine.accepts(&mentors, Some(id(2))));
        assert!(!CaseloadFilter::Mine.accepts(&mentors, Some(id(3))));
        assert!(!CaseloadFilter::Mine.accepts(&mentors, None));
        assert!(CaseloadFilter::Mentor(id(1)).accepts(&mentors, None));
        assert!(!CaseloadFilter::Mentor(id(3)).accepts(&mentors, Some(id(3))));
        assert!(CaseloadFilter::All.accepts(&[], None));
    }

    #[test]
    fn active_count_counts_each_filter_set() {
        assert_eq!(Filters::default().active_count(), 0);
        let every = Filters {
            year: Some(7),
            group: Some(id(4)),
            send: SendFilter::Ehcp,
            caseload: CaseloadFilter::Mine,
        };
        assert_eq!(every.active_count(), 4);
    }
}
