//! What an embedded configurator tells the page around it. The script mode dispatches each as a
//! DOM `CustomEvent` named `chui-{kind}` on the host element, with the payload as `detail`; the
//! frame mode posts `{ source: "chui-configurator", type: kind, detail }` to the parent, and
//! `resize` as its height changes.

use configurator_domain::{CurrencyCode, Lang, ModelId};
use serde::Serialize;

/// An event and its payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EmbedEvent {
    /// The configurator is shown and usable.
    Ready(Ready),
    /// The configuration or quantity changed (and once after `ready`).
    Change(Change),
    /// A visitor's quote request reached the dealer.
    QuoteRequested(QuoteRequested),
    /// Something failed; the configurator says so in its own place too.
    Error(Failure),
    /// The frame's content is another height (the frame mode only).
    Resize(Resize),
}

impl EmbedEvent {
    /// The event's kind: `ready`, `change`, `quote-requested` or `error`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Ready(_) => "ready",
            Self::Change(_) => "change",
            Self::QuoteRequested(_) => "quote-requested",
            Self::Error(_) => "error",
            Self::Resize(_) => "resize",
        }
    }

    /// The payload as JSON.
    pub fn detail_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }
}

/// `ready`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ready {
    pub partner: String,
    /// The models shown, in order.
    pub models: Vec<ModelId>,
    pub lang: String,
    pub market: String,
}

/// A price: the total with VAT for the quantity, in minor units of `currency`, and as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Price {
    pub total: i64,
    pub currency: CurrencyCode,
    pub minor_digits: u8,
    pub text: String,
}

impl Price {
    /// The price of `total` minor units of `currency`, with its text as the reader of `lang`
    /// sees it.
    pub fn shown(total: i64, currency: CurrencyCode, minor_digits: u8, lang: Lang) -> Self {
        let text = crate::format::money(total, minor_digits, currency.as_str(), lang);
        Self {
            total,
            currency,
            minor_digits,
            text,
        }
    }
}

/// `change`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub model: ModelId,
    /// The configuration code (`null` if it cannot be encoded).
    pub code: Option<String>,
    pub quantity: u16,
    /// `null` while the quantity typed is not a valid one.
    pub price: Option<Price>,
}

/// `quote-requested`: the stored request, priced by the server.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRequested {
    pub id: i64,
    pub model: ModelId,
    pub code: String,
    pub quantity: u32,
    pub price: Price,
}

/// `error`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// `options`, `partner`, `catalog`, `market`, `code` or `quote-request`.
    pub code: &'static str,
    /// In English, for the partner's developers; the visitor sees a translated message.
    pub message: String,
}

/// `resize`: the height the frame needs, in CSS pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resize {
    pub height: i32,
}

impl EmbedEvent {
    /// An `error` event.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::Error(Failure {
            code,
            message: message.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_is_the_fields_alone() {
        let event = EmbedEvent::error("partner", "unknown partner \"x\"");
        assert_eq!(event.kind(), "error");
        assert_eq!(
            event.detail_json(),
            r#"{"code":"partner","message":"unknown partner \"x\""}"#
        );
    }
}
