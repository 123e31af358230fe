//! Which quote requests the page shows: the open ones (new or contacted) unless the dealer picks
//! one status or all of them.

use configurator_domain::api::QuoteRequestStatus;
use leptos::prelude::*;

use super::status_name;
use crate::i18n::{td_string, tr, use_i18n};

/// The statuses the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// New and contacted: what still needs the dealer.
    #[default]
    Open,
    /// One status only.
    Only(QuoteRequestStatus),
    /// Every request.
    All,
}

impl StatusFilter {
    /// Every choice, in the order the control lists them.
    pub const CHOICES: [Self; 5] = [
        Self::Open,
        Self::Only(QuoteRequestStatus::New),
        Self::Only(QuoteRequestStatus::Contacted),
        Self::Only(QuoteRequestStatus::Closed),
        Self::All,
    ];

    /// The value of the choice in the control.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Only(status) => status.as_str(),
            Self::All => "all",
        }
    }

    /// The choice `slug` names; the default for anything else.
    pub fn from_slug(slug: &str) -> Self {
        Self::CHOICES
            .into_iter()
            .find(|choice| choice.slug() == slug)
            .unwrap_or_default()
    }

    /// Whether a request with `status` is shown.
    pub fn admits(self, status: QuoteRequestStatus) -> bool {
        match self {
            Self::Open => status != QuoteRequestStatus::Closed,
            Self::Only(only) => status == only,
            Self::All => true,
        }
    }
}

/// The control that picks the filter.
#[component]
pub fn StatusFilterPicker(
    /// The filter shown.
    filter: Signal<StatusFilter>,
    /// Called with the filter the dealer picks.
    on_pick: Callback<StatusFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="filters">
            <label>
                <span>{tr!(i18n, requests.show)}</span>
                <select
                    name="status"
                    prop:value=move || filter.get().slug()
                    on:change=move |ev| on_pick.run(StatusFilter::from_slug(&event_target_value(&ev)))
                >
                    {StatusFilter::CHOICES.into_iter().map(|choice| view! {
                        <option value=choice.slug()>
                            {move || match choice {
                                StatusFilter::Open => td_string!(i18n.get_locale(), requests.show_open),
                                StatusFilter::Only(status) => status_name(i18n, status),
                                StatusFilter::All => td_string!(i18n.get_locale(), requests.show_all),
                            }}
                        </option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use configurator_domain::api::QuoteRequestStatus::{Closed, Contacted, New};

    use super::StatusFilter;

    #[test]
    fn by_default_only_closed_requests_are_hidden() {
        let open = StatusFilter::default();
        assert!(open.admits(New) && open.admits(Contacted) && !open.admits(Closed));
        assert!(
            [New, Contacted, Closed]
                .iter()
                .all(|s| StatusFilter::All.admits(*s))
        );
        let closed = StatusFilter::Only(Closed);
        assert!(closed.admits(Closed) && !closed.admits(New) && !closed.admits(Contacted));
    }

    #[test]
    fn every_choice_reads_back_from_its_value() {
        for choice in StatusFilter::CHOICES {
            assert_eq!(StatusFilter::from_slug(choice.slug()), choice);
        }
        assert_eq!(StatusFilter::from_slug("done"), StatusFilter::Open);
    }
}
