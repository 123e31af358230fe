//! Placing an order: checked, priced and routed in the request, then planned and stored with the
//! other submissions of this instance's next batch ([`super::batch`]), and booked in this
//! instance's plan after the batch's commit. A retry with the same key answers the order it made.

use configurator_domain::{
    api::{OrderRequest, OrderResponse},
    price::{Currency, Quote},
};

use super::{
    Desk, IdempotencyKey, OrderError, Orderer, batch,
    commit::{RoutedLine, Stored, Submission},
    key::{earlier, request_hash},
    read_back,
};
use crate::lines::{self, CheckedLine};

/// The answer to a submission: the order, and whether this request made it (or a retry found it).
#[derive(Debug, Clone)]
pub struct Placed {
    pub order: OrderResponse,
    pub created: bool,
}

/// Places an order for the orderer's dealership, or answers the order its key already made.
pub async fn place(
    desk: Desk<'_>,
    orderer: Orderer,
    key: &IdempotencyKey,
    request: &OrderRequest,
) -> Result<Placed, OrderError> {
    let hash = request_hash(request);
    let mut conn = desk.db.pool.acquire().await?;
    let found = earlier(&mut conn, orderer, key, &hash).await?;
    drop(conn);
    if let Some(order_id) = found {
        return answer(desk, orderer, order_id, false).await;
    }
    let data = desk.data;
    let checked = lines::check(&data.catalog, &request.market, &request.lines)?;
    let quote = lines::price(&data.catalog, &request.market, &checked, Currency::Local)?;
    let submission = Submission {
        orderer,
        key: key.clone(),
        hash,
        market: request.market.clone(),
        lines: routed(desk, checked, &quote.lines)?,
        quote,
    };
    let Stored { order_id, created } = batch::submit(desk, submission).await?;
    answer(desk, orderer, order_id, created).await
}

async fn answer(
    desk: Desk<'_>,
    orderer: Orderer,
    order_id: i64,
    created: bool,
) -> Result<Placed, OrderError> {
    let order = read_back(desk, order_id, orderer.dealership_id).await?;
    Ok(Placed { order, created })
}

/// Each checked line with where the plant builds it and its price.
fn routed(
    desk: Desk<'_>,
    checked: Vec<CheckedLine>,
    priced: &[Quote],
) -> Result<Vec<RoutedLine>, OrderError> {
    checked
        .into_iter()
        .zip(priced)
        .map(|(line, priced)| {
            let model = line.configuration.model;
            let routing = desk.data.routing.get(&model).ok_or_else(|| {
                OrderError::Broken(format!("model `{model}` has no line in the plant"))
            })?;
            Ok(RoutedLine {
                code: line.code,
                line: routing.line.clone(),
                kit: routing.kit.clone(),
                model,
                quantity: u32::from(line.quantity),
                total_minor: priced.total,
            })
        })
        .collect()
}
