//! Group commit: the order submissions that queue while this instance writes are written
//! together in its next turn, in one transaction ([`super::commit`]), so that a batch of orders
//! pays for one durable commit instead of one each.
//!
//! A submission joins this instance's queue ([`Submissions`], held by the app's state beside its
//! plan) and, if no task is leading, spawns one. The leader takes the instance's turn
//! ([`PlanCache::queue`](crate::planning::PlanCache::queue)), takes up to [`MAX_BATCH`] waiting
//! submissions, writes them, answers each, and goes on while submissions wait. There is no timer:
//! a submission to an idle instance is written at once, alone; under load a batch is whatever
//! queued while the previous one was committing. The leader is a task of its own, so a client
//! that drops its request leaves the batch whole: its order may still commit, and a retry with
//! its key then finds it.

use std::{
    collections::VecDeque,
    sync::{
        Arc, Mutex, MutexGuard, PoisonError,
        atomic::{AtomicU64, Ordering},
    },
};

use tokio::sync::oneshot;

use super::{
    Desk, OrderError,
    commit::{self, Reply, Submission, Writer},
};

/// The most submissions written in one transaction: a bound on the time the plan's lock is held
/// and on how long the last of a batch waits for its answer.
pub const MAX_BATCH: usize = 64;

/// This instance's submissions waiting for its next turn, and whether a task is writing them.
#[derive(Debug, Default)]
pub struct Submissions {
    queue: Mutex<Queue>,
    batches: AtomicU64,
    orders: AtomicU64,
}

#[derive(Debug, Default)]
struct Queue {
    waiting: VecDeque<Job>,
    /// A leader task is running: it will see every submission queued before it stops.
    leading: bool,
}

/// A submission and where its answer goes.
#[derive(Debug)]
struct Job {
    submission: Submission,
    reply: oneshot::Sender<Reply>,
}

impl Submissions {
    /// How many submissions wait for a batch (not counting the batch being written).
    pub fn waiting(&self) -> usize {
        self.lock().waiting.len()
    }

    /// How many batches this instance has written (one transaction each).
    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::Relaxed)
    }

    /// How many submissions those batches held.
    pub fn orders(&self) -> u64 {
        self.orders.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        // Every change to the queue is a single push, drain or flag: never left half-done.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Queues `submission` for this instance's next batch and waits for its answer.
pub(super) async fn submit(desk: Desk<'_>, submission: Submission) -> Reply {
    let (reply, answer) = oneshot::channel();
    let lead = {
        let mut queue = desk.submissions.lock();
        queue.waiting.push_back(Job { submission, reply });
        !std::mem::replace(&mut queue.leading, true)
    };
    if lead {
        let writer = Writer {
            db: desk.db.clone(),
            plan: Arc::clone(desk.plan),
            clock: desk.clock.clone(),
        };
        tokio::spawn(run(writer, Arc::clone(desk.submissions)));
    }
    answer.await.unwrap_or_else(|_| {
        Err(OrderError::Broken(
            "the batch writing this order stopped before it answered".to_owned(),
        ))
    })
}

/// The leader: batch after batch while submissions wait.
async fn run(writer: Writer, submissions: Arc<Submissions>) {
    let mut leading = Leading(Some(Arc::clone(&submissions)));
    loop {
        let turn = writer.plan.queue().await;
        let jobs: Vec<Job> = {
            let mut queue = submissions.lock();
            if queue.waiting.is_empty() {
                queue.leading = false;
                leading.0 = None;
                return;
            }
            let n = queue.waiting.len().min(MAX_BATCH);
            queue.waiting.drain(..n).collect()
        };
        let (batch, replies): (Vec<_>, Vec<_>) = jobs
            .into_iter()
            .map(|job| (job.submission, job.reply))
            .unzip();
        let started = std::time::Instant::now();
        let answers = commit::write(&writer, &batch).await;
        drop(turn);
        tracing::debug!(
            orders = batch.len(),
            ms = started.elapsed().as_secs_f64() * 1e3,
            "batch written"
        );
        submissions.batches.fetch_add(1, Ordering::Relaxed);
        submissions
            .orders
            .fetch_add(batch.len() as u64, Ordering::Relaxed);
        for (reply, answer) in replies.into_iter().zip(answers) {
            // A client that has gone no longer listens; its order stands all the same.
            let _ = reply.send(answer);
        }
    }
}

/// Set while a leader runs; if the leader ends without stopping in order (a panic, or its runtime
/// shutting down), the waiting submissions are answered with an error (their senders dropped) and
/// the next submission starts a new leader.
struct Leading(Option<Arc<Submissions>>);

impl Drop for Leading {
    fn drop(&mut self) {
        if let Some(submissions) = self.0.take() {
            let mut queue = submissions.lock();
            queue.leading = false;
            queue.waiting.clear();
        }
    }
}
