//! A coach's caseload as she works it: search by name, filter by flag, sort by any column, a page
//! at a time, with urgent clients always on top. Pure over the [`ClientSummary`] list, so the
//! page, the API and the tests order clients the same way.

use std::cmp::Ordering;

use crate::coaching::{ClientFlag, ClientSummary};
use crate::error::AppError;

/// Clients on one page of the list.
pub const PAGE_SIZE: usize = 25;

/// Which clients to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlagFilter {
    /// Everyone.
    #[default]
    All,
    /// A warning sign stops her training.
    Urgent,
    /// Her screening refers her on.
    Referral,
    /// A symptom in the last 2 weeks.
    Symptoms,
    /// Nothing logged for a week or more.
    Inactive,
    /// Nothing to act on and active.
    OnTrack,
}

impl FlagFilter {
    /// Every filter in the order a page offers them, with its word in a URL and its label.
    pub const ALL: [(FlagFilter, &'static str, &'static str); 6] = [
        (FlagFilter::All, "all", "Everyone"),
        (FlagFilter::Urgent, "urgent", "Urgent: warning sign"),
        (FlagFilter::Referral, "referral", "Referral advised"),
        (FlagFilter::Symptoms, "symptoms", "Symptoms reported"),
        (FlagFilter::Inactive, "inactive", "Inactive"),
        (FlagFilter::OnTrack, "on_track", "On track"),
    ];

    /// Its word in a URL.
    pub fn word(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _, _)| *f == self)
            .map_or("all", |(_, w, _)| w)
    }

    fn keeps(self, c: &ClientSummary) -> bool {
        match self {
            FlagFilter::All => true,
            FlagFilter::Urgent => c.flag == ClientFlag::Urgent,
            FlagFilter::Referral => c.flag == ClientFlag::Referral,
            FlagFilter::Symptoms => c.flag == ClientFlag::Symptoms,
            FlagFilter::Inactive => c.inactive,
            FlagFilter::OnTrack => c.flag == ClientFlag::None && !c.inactive,
        }
    }
}

/// The column the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Who needs her most: urgent, referral, symptoms, then the longest inactive.
    #[default]
    Attention,
    /// Name, A to Z.
    Name,
    /// Weeks since the birth.
    Weeks,
    /// Last activity, most recent first.
    LastActivity,
    /// This week's training days against the plan's.
    Adherence,
}

impl SortBy {
    /// Every column with its word in a URL and its heading.
    pub const ALL: [(SortBy, &'static str, &'static str); 5] = [
        (SortBy::Attention, "attention", "Flags"),
        (SortBy::Name, "name", "Name"),
        (SortBy::Weeks, "weeks", "After birth"),
        (SortBy::LastActivity, "last", "Last activity"),
        (SortBy::Adherence, "adherence", "This week"),
    ];

    /// Its word in a URL.
    pub fn word(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _, _)| *s == self)
            .map_or("attention", |(_, w, _)| w)
    }
}

/// What the coach asked for: a search, a filter, a sort and a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseloadQuery {
    /// Part of her name or email, any case.
    pub search: String,
    /// Which clients.
    pub flag: FlagFilter,
    /// The column.
    pub sort: SortBy,
    /// Reverse the column's natural order.
    pub reversed: bool,
    /// 1-based.
    pub page: usize,
}

impl CaseloadQuery {
    /// Reads the list's URL query words; a blank word is the default.
    ///
    /// # Errors
    /// An unknown filter, sort or direction, or a page that is not a whole number from 1,
    /// naming the field and what it may be.
    pub fn parse(
        search: Option<&str>,
        flag: Option<&str>,
        sort: Option<&str>,
        dir: Option<&str>,
        page: Option<&str>,
    ) -> Result<CaseloadQuery, AppError> {
        let flag = match blank(flag) {
            None => FlagFilter::All,
            Some(w) => FlagFilter::ALL
                .iter()
                .find(|(_, word, _)| *word == w)
                .map(|(f, _, _)| *f)
                .ok_or_else(|| {
                    AppError::invalid(
                        "flag",
                        "expected all, urgent, referral, symptoms, inactive or on_track",
                    )
                })?,
        };
        let sort = match blank(sort) {
            None => SortBy::Attention,
            Some(w) => SortBy::ALL
                .iter()
                .find(|(_, word, _)| *word == w)
                .map(|(s, _, _)| *s)
                .ok_or_else(|| {
                    AppError::invalid("sort", "expected attention, name, weeks, last or adherence")
                })?,
        };
        let reversed = match blank(dir) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => return Err(AppError::invalid("dir", "expected asc or desc")),
        };
        let page = match blank(page) {
            None => 1,
            Some(w) => w
                .parse::<usize>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| AppError::invalid("page", "expected a whole number from 1"))?,
        };
        Ok(CaseloadQuery {
            search: blank(search)
                .map(|s| s.chars().take(100).collect())
                .unwrap_or_default(),
            flag,
            sort,
            reversed,
            page,
        })
    }
}

/// A query word, trimmed; `None` when blank.
fn blank(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// One page of the caseload.
#[derive(Debug)]
pub struct CaseloadPage<'a> {
    /// The clients on this page, in order.
    pub rows: Vec<&'a ClientSummary>,
    /// Clients that match the search and filter.
    pub matching: usize,
    /// All her clients.
    pub total: usize,
    /// This page, 1-based (at most `pages`).
    pub page: usize,
    /// Pages of `matching` (at least 1).
    pub pages: usize,
}

/// This week's days trained as a share of the days planned, for sorting.
fn adherence(c: &ClientSummary) -> Option<f64> {
    let planned = c.days_planned_this_week.filter(|p| *p > 0)?;
    Some(c.days_trained_this_week as f64 / planned as f64)
}

fn by_column(sort: SortBy, a: &ClientSummary, b: &ClientSummary) -> Ordering {
    match sort {
        SortBy::Attention => {
            (a.flag, a.last_activity.unwrap_or(0)).cmp(&(b.flag, b.last_activity.unwrap_or(0)))
        }
        SortBy::Name => a
            .display_name
            .to_lowercase()
            .cmp(&b.display_name.to_lowercase()),
        SortBy::Weeks => a.weeks_postpartum.cmp(&b.weeks_postpartum),
        // Most recent first; nothing logged last.
        SortBy::LastActivity => b.last_activity.cmp(&a.last_activity),
        // Lowest first: who is falling behind; no programme last.
        SortBy::Adherence => match (adherence(a), adherence(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    }
}

/// The page the query asks for: matching clients, urgent ones first whatever the sort, then by
/// the column (ties by name), [`PAGE_SIZE`] a page.
pub fn caseload<'a>(clients: &'a [ClientSummary], query: &CaseloadQuery) -> CaseloadPage<'a> {
    let needle = query.search.to_lowercase();
    let mut rows: Vec<&ClientSummary> = clients
        .iter()
        .filter(|c| query.flag.keeps(c))
        .filter(|c| {
            needle.is_empty()
                || c.display_name.to_lowercase().contains(&needle)
                || c.email.to_lowercase().contains(&needle)
        })
        .collect();
    rows.sort_by(|a, b| {
        let urgent = (b.flag == ClientFlag::Urgent).cmp(&(a.flag == ClientFlag::Urgent));
        let column = by_column(query.sort, a, b);
        let column = if query.reversed {
            column.reverse()
        } else {
            column
        };
        urgent
            .then(column)
            .then_with(|| a.display_name.cmp(&b.display_name))
            .then(a.member_id.cmp(&b.member_id))
    });
    let matching = rows.len();
    let pages = matching.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let rows = rows
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    CaseloadPage {
        rows,
        matching,
        total: clients.len(),
        page,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(id: i64, name: &str, flag: ClientFlag, weeks: i64, last: i64) -> ClientSummary {
        ClientSummary {
            member_id: id,
            display_name: name.to_owned(),
            email: format!("{}@example.org", name.to_lowercase()),
            granted_at: 0,
            flag,
            screening: "clear",
            referrals: Vec::new(),
            recent_symptoms: Vec::new(),
            weeks_postpartum: Some(weeks),
            last_activity: Some(last),
            inactive: last < 100,
            days_trained_this_week: id % 3,
            days_planned_this_week: Some(3),
        }
    }

    fn many() -> Vec<ClientSummary> {
        (0..60)
            .map(|i| {
                let flag = match i {
                    7 | 42 => ClientFlag::Urgent,
                    i if i % 10 == 1 => ClientFlag::Referral,
                    i if i % 10 == 2 => ClientFlag::Symptoms,
                    _ => ClientFlag::None,
                };
                client(i, &format!("Client {i:02}"), flag, 2 + i % 50, i * 10)
            })
            .collect()
    }

    #[test]
    fn urgent_clients_come_first_whatever_the_sort_and_pages_hold_25() {
        let all = many();
        for (sort, _, _) in SortBy::ALL {
            for reversed in [false, true] {
                let q = CaseloadQuery {
                    sort,
                    reversed,
                    ..CaseloadQuery::default()
                };
                let p = caseload(&all, &q);
                assert_eq!((p.matching, p.pages, p.rows.len()), (60, 3, 25));
                assert!(
                    p.rows[..2].iter().all(|c| c.flag == ClientFlag::Urgent),
                    "{sort:?}"
                );
                assert!(
                    p.rows[2..].iter().all(|c| c.flag != ClientFlag::Urgent),
                    "{sort:?}"
                );
            }
        }
        let last = caseload(
            &all,
            &CaseloadQuery {
                page: 9,
                ..CaseloadQuery::default()
            },
        );
        assert_eq!(
            (last.page, last.rows.len()),
            (3, 10),
            "a page past the end shows the last"
        );
    }

    #[test]
    fn sorting_by_a_column_orders_by_it_and_reverses() {
        let all = many();
        let q = |sort, reversed| CaseloadQuery {
            sort,
            reversed,
            flag: FlagFilter::OnTrack,
            ..CaseloadQuery::default()
        };
        let names = caseload(&all, &q(SortBy::Name, false));
        let listed: Vec<&str> = names.rows.iter().map(|c| c.display_name.as_str()).collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        let weeks = caseload(&all, &q(SortBy::Weeks, true));
        assert!(
            weeks
                .rows
                .windows(2)
                .all(|w| w[0].weeks_postpartum >= w[1].weeks_postpartum)
        );
        let last = caseload(&all, &q(SortBy::LastActivity, false));
        assert!(
            last.rows
                .windows(2)
                .all(|w| w[0].last_activity >= w[1].last_activity)
        );
    }

    #[test]
    fn search_and_filter_narrow_the_list() {
        let all = many();
        let q = CaseloadQuery::parse(Some("  client 4 "), None, None, None, None).unwrap();
        let p = caseload(&all, &q);
        assert_eq!(p.matching, 10, "Client 40 to 49");
        let q = CaseloadQuery::parse(None, Some("urgent"), None, None, None).unwrap();
        assert_eq!(caseload(&all, &q).matching, 2);
        let q = CaseloadQuery::parse(None, Some("inactive"), None, None, None).unwrap();
        assert_eq!(caseload(&all, &q).matching, 10, "last activity under 100");
        let q = CaseloadQuery::parse(Some("nobody"), None, None, None, None).unwrap();
        let p = caseload(&all, &q);
        assert_eq!((p.matching, p.pages, p.page, p.rows.len()), (0, 1, 1, 0));
    }

    #[test]
    fn a_wrong_word_names_its_field() {
        for (args, field) in [
            ((Some("loud"), None, None, None), "flag"),
            ((None, Some("age"), None, None), "sort"),
            ((None, None, Some("up"), None), "dir"),
            ((None, None, None, Some("0")), "page"),
            ((None, None, None, Some("two")), "page"),
        ] {
            let (flag, sort, dir, page) = args;
            let e = CaseloadQuery::parse(None, flag, sort, dir, page).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field));
        }
    }
}
