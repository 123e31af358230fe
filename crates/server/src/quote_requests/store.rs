//! The `quote_requests` table: a checked request is stored whole in one transaction with status
//! `new`; a dealer reads and updates only the requests of the partners given (those of the
//! dealer's dealership), so another dealership's request is simply not found.

use std::str::FromStr;

use configurator_domain::api::{PartnerQuoteRequest, QuoteRequestStatus};
use sqlx::{AnyPool, Row as _, any::AnyRow};

use super::CheckedQuoteRequest;
use crate::partners::Partner;

/// The most requests one list answers, newest first.
pub const LIST_LIMIT: usize = 500;

const COLUMNS: &str = "id, status, partner, name, contact, code, model, quantity, message, \
     market, catalog_version, total_minor, currency, minor_digits, created_at";

/// Stores `request` with status `new` at `created_at`; answers its id.
pub async fn insert(
    pool: &AnyPool,
    request: &CheckedQuoteRequest,
    created_at: &str,
) -> Result<i64, sqlx::Error> {
    let quote = &request.quote;
    let mut transaction = pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO quote_requests (partner, status, name, contact, code, model, quantity, \
         message, market, catalog_version, net_minor, vat_minor, total_minor, currency, \
         minor_digits, created_at) \
         VALUES ($1, 'new', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         RETURNING id",
    )
    .bind(request.partner.as_str())
    .bind(&request.name)
    .bind(&request.contact)
    .bind(&request.code)
    .bind(request.model.as_str())
    .bind(i64::from(u32::from(request.quantity)))
    .bind(&request.message)
    .bind(request.market.as_str())
    .bind(&request.catalog_version)
    .bind(quote.net)
    .bind(quote.vat)
    .bind(quote.total)
    .bind(quote.currency.as_str())
    .bind(i64::from(quote.minor_digits))
    .bind(created_at)
    .fetch_one(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(id)
}

/// `$first, $first+1, …` for `count` values.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The requests of `partners`, newest first, at most [`LIST_LIMIT`].
pub async fn list(
    pool: &AnyPool,
    partners: &[&Partner],
) -> Result<Vec<PartnerQuoteRequest>, sqlx::Error> {
    if partners.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM quote_requests WHERE partner IN ({}) ORDER BY id DESC LIMIT {LIST_LIMIT}",
        placeholders(1, partners.len())
    );
    let mut query = sqlx::query(&sql);
    for partner in partners {
        query = query.bind(partner.id.as_str());
    }
    let rows = query.fetch_all(pool).await?;
    rows.iter().map(|row| view(row, partners)).collect()
}

/// Sets the status of request `id` if it is one of `partners`'; answers it as it is now, or `None`.
pub async fn set_status(
    pool: &AnyPool,
    id: i64,
    status: QuoteRequestStatus,
    partners: &[&Partner],
    updated_at: &str,
) -> Result<Option<PartnerQuoteRequest>, sqlx::Error> {
    if partners.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "UPDATE quote_requests SET status = $1, updated_at = $2 \
         WHERE id = $3 AND partner IN ({}) RETURNING {COLUMNS}",
        placeholders(4, partners.len())
    );
    let mut query = sqlx::query(&sql)
        .bind(status.as_str())
        .bind(updated_at)
        .bind(id);
    for partner in partners {
        query = query.bind(partner.id.as_str());
    }
    let row = query.fetch_optional(pool).await?;
    row.map(|row| view(&row, partners)).transpose()
}

/// A stored value that does not read back as its type: the database was changed by hand.
fn corrupt(column: &str, value: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("quote_requests.{column}: unexpected `{value}`").into())
}

fn parsed<T: FromStr>(row: &AnyRow, column: &str) -> Result<T, sqlx::Error> {
    let text: String = row.try_get(column)?;
    text.parse().map_err(|_| corrupt(column, text))
}

fn number<T: TryFrom<i64>>(row: &AnyRow, column: &str) -> Result<T, sqlx::Error> {
    let value: i64 = row.try_get(column)?;
    T::try_from(value).map_err(|_| corrupt(column, value))
}

/// A row as the dealer sees it, named after its partner.
fn view(row: &AnyRow, partners: &[&Partner]) -> Result<PartnerQuoteRequest, sqlx::Error> {
    let partner: String = row.try_get("partner")?;
    let partner_name = partners
        .iter()
        .find(|p| p.id.as_str() == partner)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    Ok(PartnerQuoteRequest {
        id: row.try_get("id")?,
        status: parsed(row, "status")?,
        partner,
        partner_name,
        name: row.try_get("name")?,
        contact: row.try_get("contact")?,
        code: row.try_get("code")?,
        model: parsed(row, "model")?,
        quantity: number(row, "quantity")?,
        message: row.try_get("message")?,
        market: parsed(row, "market")?,
        catalog_version: row.try_get("catalog_version")?,
        total: row.try_get("total_minor")?,
        currency: parsed(row, "currency")?,
        minor_digits: number(row, "minor_digits")?,
        created_at: row.try_get("created_at")?,
    })
}
