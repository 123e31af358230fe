//! Placing and cancelling orders: the server re-checks and prices every line, plans it, and stores
//! the order, its lines, price snapshot, allocations, history event and idempotency key in one
//! transaction.
//!
//! The in-memory plan's lock is held from allocation to commit, which serializes orders (thousands
//! a day is nothing) and keeps memory and database in agreement: when the transaction fails, the
//! allocations are released again. A cancellation commits first and then releases, after checking
//! under the same lock that nothing it frees is frozen.

use configurator_domain::{
    api::{OrderRequest, OrderResponse, OrderStatus},
    plan::{AllocateError, AllocationRequest, EarliestError, Plan, YearMonth},
    price::Currency,
};
use sha2::{Digest as _, Sha256};
use sqlx::AnyPool;

use crate::{
    auth::CurrentUser,
    http::{AppState, Error},
    lines,
    store::{
        events::{self, Kind},
        orders::{self, NewLine, NewOrder, Scope},
    },
};

/// The longest idempotency key accepted.
pub const MAX_KEY_LEN: usize = 128;

/// The answer to a submission: the order, and whether this request made it (or a retry found it).
#[derive(Debug, Clone)]
pub struct Placed {
    pub order: OrderResponse,
    pub created: bool,
}

/// Checks an `Idempotency-Key`: 1 to 128 visible ASCII characters.
pub fn check_key(key: Option<&str>) -> Result<&str, Error> {
    let field = "idempotency_key";
    let key = key.ok_or_else(|| Error::BadHeader {
        field,
        message: "the `Idempotency-Key` header is required: a unique key per submitted cart".into(),
    })?;
    if key.is_empty() || key.len() > MAX_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::BadHeader {
            field,
            message: format!(
                "`Idempotency-Key` must be 1 to {MAX_KEY_LEN} visible ASCII characters"
            ),
        });
    }
    Ok(key)
}

/// SHA-256 of the request as parsed, re-serialized: the same order with other spacing or field
/// order is the same request.
fn request_hash(request: &OrderRequest) -> Result<String, Error> {
    let canonical = serde_json::to_vec(request).map_err(|error| Error::Internal(error.into()))?;
    Ok(Sha256::digest(&canonical)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The order a key already made, if any; `422` if the key was used for another request.
async fn earlier(
    pool: &AnyPool,
    dealership_id: i64,
    key: &str,
    hash: &str,
) -> Result<Option<OrderResponse>, Error> {
    let Some((order_id, stored_hash)) = orders::find_key(pool, dealership_id, key).await? else {
        return Ok(None);
    };
    if stored_hash != hash {
        return Err(Error::field(
            "idempotency_key",
            format!("key `{key}` was already used for a different order (#{order_id})"),
        ));
    }
    let order = orders::get(pool, order_id, Scope::Dealership(dealership_id)).await?;
    order.map(Some).ok_or_else(|| {
        Error::Internal(anyhow::anyhow!(
            "idempotency key `{key}` names missing order {order_id}"
        ))
    })
}

/// Places an order for the user's dealership, or answers the order its key already made.
pub async fn place(
    state: &AppState,
    user: &CurrentUser,
    key: &str,
    request: &OrderRequest,
) -> Result<Placed, Error> {
    let (dealership_id, _) = user.dealership()?;
    let pool = &state.db.pool;
    let hash = request_hash(request)?;
    if let Some(order) = earlier(pool, dealership_id, key, &hash).await? {
        return Ok(Placed {
            order,
            created: false,
        });
    }
    let data = &state.data;
    let checked = lines::check(&data.catalog, &request.market, &request.lines)?;
    let quote = lines::price(&data.catalog, &request.market, &checked, Currency::Local)?;
    let mut new_lines = Vec::with_capacity(checked.len());
    for (line, priced) in checked.iter().zip(&quote.lines) {
        let model = &line.configuration.model;
        let routing = data.routing.get(model).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!("model `{model}` has no line in the plant"))
        })?;
        new_lines.push(NewLine {
            code: &line.code,
            model,
            line: &routing.line,
            kit: &routing.kit,
            quantity: u32::from(line.quantity),
            total_minor: priced.total,
        });
    }
    let mut plan = state.plan.lock().await;
    // Again under the lock: a concurrent retry with the same key may have just committed.
    if let Some(order) = earlier(pool, dealership_id, key, &hash).await? {
        return Ok(Placed {
            order,
            created: false,
        });
    }
    let created_at = state.clock.timestamp();
    let order = NewOrder {
        dealership_id,
        user_id: user.id,
        market: &request.market,
        order_month: state.clock.month(),
        created_at: &created_at,
        quote: &quote,
        lines: new_lines,
    };
    let written = write(pool, &mut plan, &order, key, &hash).await;
    drop(plan);
    let order_id = match written {
        Ok(order_id) => order_id,
        // Another server instance may have stored the same key first.
        Err(error) => match earlier(pool, dealership_id, key, &hash).await {
            Ok(Some(order)) => {
                return Ok(Placed {
                    order,
                    created: false,
                });
            }
            _ => return Err(error),
        },
    };
    let order = orders::get(pool, order_id, Scope::Dealership(dealership_id))
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("order {order_id} vanished")))?;
    Ok(Placed {
        order,
        created: true,
    })
}

/// Plans and stores `order` in one transaction; on any failure the plan is as it was.
async fn write(
    pool: &AnyPool,
    plan: &mut Plan,
    order: &NewOrder<'_>,
    key: &str,
    hash: &str,
) -> Result<i64, Error> {
    let month = order.order_month;
    let mut booked: Vec<u64> = Vec::new();
    let result = async {
        let mut tx = pool.begin().await?;
        let (order_id, line_ids) = orders::insert(&mut tx, order).await?;
        for (i, (line, &line_id)) in order.lines.iter().zip(&line_ids).enumerate() {
            let order_line = u64::try_from(line_id)
                .map_err(|_| Error::Internal(anyhow::anyhow!("negative line id {line_id}")))?;
            let request = AllocationRequest {
                order_line,
                line: line.line.clone(),
                kit: line.kit.clone(),
                model: line.model.to_string(),
                quantity: line.quantity,
                order_month: month,
            };
            let parts = plan
                .allocate(&request)
                .map_err(|error| allocation_error(i, error))?;
            booked.push(order_line);
            orders::insert_allocations(&mut tx, line_id, &parts).await?;
        }
        events::insert(&mut tx, Kind::Order, order_id, month).await?;
        orders::insert_key(&mut tx, order.dealership_id, key, hash, order_id).await?;
        tx.commit().await?;
        Ok::<i64, Error>(order_id)
    }
    .await;
    if result.is_err() {
        release(plan, &booked, month);
    }
    result
}

/// Frees order lines just allocated (never frozen: allocation starts past the frozen months).
fn release(plan: &mut Plan, lines: &[u64], month: YearMonth) {
    for &line in lines {
        if let Err(error) = plan.release(line, month) {
            tracing::error!("cannot release order line {line} after a failed write: {error}");
        }
    }
}

fn allocation_error(index: usize, error: AllocateError) -> Error {
    match error {
        AllocateError::Place(EarliestError::NoRoom { .. }) => {
            Error::field(format!("lines[{index}].quantity"), error.to_string())
        }
        AllocateError::Place(EarliestError::PastHorizon { .. }) => {
            Error::field(format!("lines[{index}]"), error.to_string())
        }
        other => Error::Internal(anyhow::anyhow!("line {index}: {other}")),
    }
}

/// Cancels one of the dealership's orders, unless a build month of it is frozen; cancelling a
/// cancelled order answers it again.
pub async fn cancel(
    state: &AppState,
    user: &CurrentUser,
    order_id: i64,
) -> Result<OrderResponse, Error> {
    let (dealership_id, _) = user.dealership()?;
    let scope = Scope::Dealership(dealership_id);
    let pool = &state.db.pool;
    let mut plan = state.plan.lock().await;
    let order = orders::get(pool, order_id, scope)
        .await?
        .ok_or(Error::NotFound)?;
    if order.status == OrderStatus::Cancelled {
        return Ok(order);
    }
    let today = state.clock.month();
    let line_ids = orders::line_ids(pool, order_id).await?;
    let mut keys = Vec::with_capacity(line_ids.len());
    for line_id in line_ids {
        let key = u64::try_from(line_id).unwrap_or_default();
        let booking = plan.booking(key).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!("order line {line_id} is not in the plan"))
        })?;
        if let Some(first) = booking.parts.first()
            && plan.is_frozen(first.month, today)
        {
            return Err(Error::Conflict(format!(
                "order {order_id} cannot be cancelled: its build month `{}` is frozen",
                first.month
            )));
        }
        keys.push(key);
    }
    let mut tx = pool.begin().await?;
    if !orders::mark_cancelled(&mut tx, order_id, &state.clock.timestamp()).await? {
        return Err(Error::Conflict(format!(
            "order {order_id} is no longer placed"
        )));
    }
    events::insert(&mut tx, Kind::Cancel, order_id, today).await?;
    tx.commit().await?;
    release(&mut plan, &keys, today);
    drop(plan);
    orders::get(pool, order_id, scope)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("order {order_id} vanished")))
}
