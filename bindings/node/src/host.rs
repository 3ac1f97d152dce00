//! What the host hands in as JavaScript functions: the lookup of its existing customers and
//! the progress callback. The sync functions call them on the JS thread, from inside the core;
//! `planAsync` calls the lookup from the libuv pool through a ThreadsafeFunction, the pool
//! thread waiting for the answer (which may be a Promise).

use std::cell::{Cell, RefCell};
use std::sync::mpsc::{self, Sender};

use cadastro::CustomerKey;
use cadastro::{CustomerLookup, Existing, LookupError};
use napi::JsValue;
use napi::bindgen_prelude::{CallbackContext, FnArgs, FromNapiValue, Function, PromiseRaw};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status, Unknown, ValueType};
use serde_json::Value as Json;

use crate::convert::js_to_json;
use crate::error::Failure;

/// The host's `lookup(keys)`: called with a batch of keys (`[{ by: 'external_id' | 'tax_id' |
/// 'name', value }]`), it returns the existing customers matching any of them
/// (`[{ id, revision?, customer }]`, `id` a string or an integer).
pub struct JsLookup<'a> {
    env: Env,
    func: Function<'a, Json, Unknown<'a>>,
}

impl<'a> JsLookup<'a> {
    /// Checks the argument: a function.
    pub fn new(env: Env, value: Unknown<'a>) -> Result<Self, Failure> {
        if value.get_type()? != ValueType::Function {
            return Err(Failure::invalid("lookup must be a function taking keys and returning existing customers"));
        }
        let func = Function::<Json, Unknown>::from_unknown(value)?;
        Ok(JsLookup { env, func })
    }
}

impl CustomerLookup for JsLookup<'_> {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        let arg = serde_json::to_value(keys).map_err(|e| LookupError::new(e.to_string()))?;
        let answer = self.func.call(arg).map_err(|e| LookupError::new(format!("the lookup threw: {}", e.reason)))?;
        if answer.get_type().ok() == Some(ValueType::Object) && answer.is_promise().unwrap_or(false) {
            return Err(LookupError::new(
                "the lookup returned a Promise: `plan` needs the array itself (use `planAsync` for an async lookup)",
            ));
        }
        let json = js_to_json(&self.env, answer).map_err(|e| LookupError::new(format!("the lookup's answer: {e}")))?;
        existing_list(json)
    }
}

/// The lookup's answer: an array of `{ id, revision?, customer }`.
fn existing_list(json: Json) -> Result<Vec<Existing>, LookupError> {
    let Json::Array(items) = json else {
        return Err(LookupError::new("the lookup must return an array of { id, revision, customer }"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| existing(item).map_err(|m| LookupError::new(format!("the lookup's answer [{i}]: {m}"))))
        .collect()
}

/// What the JS thread sends back to the pool thread waiting on a lookup: the answer as JSON,
/// or why there is none.
type Answer = Result<Json, String>;

/// The host's `lookup(keys)` called from the libuv pool (`planAsync`): each batch is handed to
/// the JS thread through a ThreadsafeFunction, and the pool thread waits for the answer. The
/// lookup may return the array or a Promise of it (an `async` function querying a database).
/// A Promise that never settles leaves the `planAsync` Promise pending.
pub struct PoolLookup {
    tsfn: ThreadsafeFunction<Json, Unknown<'static>, Json, Status, false>,
}

impl PoolLookup {
    /// Checks the argument (a function) and wraps it, on the JS thread.
    pub fn new(value: Unknown<'_>) -> Result<Self, Failure> {
        if value.get_type()? != ValueType::Function {
            return Err(Failure::invalid("lookup must be a function taking keys and returning existing customers"));
        }
        let func = Function::<Json, Unknown<'static>>::from_unknown(value)?;
        Ok(PoolLookup { tsfn: func.build_threadsafe_function::<Json>().build()? })
    }
}

impl CustomerLookup for PoolLookup {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        let arg = serde_json::to_value(keys).map_err(|e| LookupError::new(e.to_string()))?;
        let (tx, rx) = mpsc::channel::<Answer>();
        let status = self.tsfn.call_with_return_value(arg, ThreadsafeFunctionCallMode::Blocking, move |ret, env| {
            settle(ret, env, tx);
            Ok(())
        });
        if status != Status::Ok {
            return Err(LookupError::new(format!("the lookup could not be called ({status})")));
        }
        let json = rx
            .recv()
            .map_err(|_| LookupError::new("the lookup's Promise was dropped without settling"))?
            .map_err(LookupError::new)?;
        existing_list(json)
    }
}

/// On the JS thread: the lookup's return value (or exception) to the waiting pool thread,
/// awaiting it first when it is a Promise.
fn settle(ret: napi::Result<Unknown<'static>>, env: Env, tx: Sender<Answer>) {
    let to_json =
        |env: &Env, v: Unknown<'_>| -> Answer { js_to_json(env, v).map_err(|e| format!("the lookup's answer: {e}")) };
    let value = match ret {
        Err(e) => {
            let _ = tx.send(Err(format!("the lookup threw: {}", e.reason)));
            return;
        }
        Ok(v) => v,
    };
    if !value.is_promise().unwrap_or(false) {
        let _ = tx.send(to_json(&env, value));
        return;
    }
    let (on_reject, on_fail) = (tx.clone(), tx.clone());
    let chained = PromiseRaw::<Unknown>::from_unknown(value)
        .and_then(|p| {
            p.then(move |ctx: CallbackContext<Unknown>| {
                let _ = tx.send(to_json(&ctx.env, ctx.value));
                Ok(())
            })
        })
        .and_then(|p| {
            p.catch(move |ctx: CallbackContext<Unknown>| {
                let reason = napi::Error::from(ctx.value).reason;
                let _ = on_reject.send(Err(format!("the lookup's Promise rejected: {reason}")));
                Ok(())
            })
        });
    if let Err(e) = chained {
        let _ = on_fail.send(Err(format!("the lookup's Promise could not be awaited: {}", e.reason)));
    }
}

/// One `{ id, revision?, customer }` by the host crate's one rule
/// (`cadastro_host::request::ExistingAnswer`: integer ids, `null` revisions, unknown keys refused).
fn existing(item: Json) -> Result<Existing, String> {
    serde_json::from_value::<cadastro_host::request::ExistingAnswer>(item)
        .map(Existing::from)
        .map_err(|e| e.to_string())
}

/// The host's `onProgress(rowsDone, rowsTotal)`. An exception it throws stops further calls
/// and is rethrown, as it was, once the core returns (the work is not interrupted midway).
pub struct Progress<'a> {
    func: Option<Function<'a, FnArgs<(f64, f64)>, Unknown<'a>>>,
    last: Cell<Option<(u64, u64)>>,
    /// The callback's exception.
    pub thrown: RefCell<Option<napi::Error>>,
}

impl<'a> Progress<'a> {
    /// No callback.
    pub fn none() -> Self {
        Progress { func: None, last: Cell::new(None), thrown: RefCell::new(None) }
    }

    /// Checks the argument: a function.
    pub fn new(value: Option<Unknown<'a>>) -> Result<Self, Failure> {
        let Some(value) = value else { return Ok(Progress::none()) };
        if value.get_type()? != ValueType::Function {
            return Err(Failure::invalid("onProgress must be a function (rowsDone, rowsTotal) => void"));
        }
        Ok(Progress { func: Some(Function::from_unknown(value)?), ..Progress::none() })
    }

    /// The core's hook.
    pub fn report(&self, done: u64, total: u64) {
        let Some(func) = &self.func else { return };
        if self.thrown.borrow().is_some() || self.last.get() == Some((done, total)) {
            return;
        }
        self.last.set(Some((done, total)));
        // Row counts stay far below 2^53: exact as JS numbers.
        if let Err(e) = func.call(FnArgs::from((done as f64, total as f64))) {
            *self.thrown.borrow_mut() = Some(e);
        }
    }
}

/// The slot where a host callback's exception waits to be rethrown when a Promise settles.
pub type Thrown = std::sync::Arc<std::sync::Mutex<Option<napi::Error>>>;

/// `onProgress` as a ThreadsafeFunction: `(rowsDone, rowsTotal)`, its return value ignored.
type ProgressFn = ThreadsafeFunction<FnArgs<(f64, f64)>, Unknown<'static>, FnArgs<(f64, f64)>, Status, false>;

/// The host's `onProgress(rowsDone, rowsTotal)` for the async functions: called from the
/// libuv pool through a ThreadsafeFunction without waiting (the work never stalls on the
/// event loop), except the final `(total, total)` call, which [`PoolProgress::finish`] makes
/// after the store is released and waits for, so that it runs before the Promise settles. An
/// exception it throws stops further calls and rejects the Promise with it.
pub struct PoolProgress {
    tsfn: Option<ProgressFn>,
    last: Option<(u64, u64)>,
    end: Option<(u64, u64)>,
    /// The callback's exception.
    pub thrown: Thrown,
}

impl PoolProgress {
    /// Checks the argument (a function or nothing) and wraps it, on the JS thread.
    pub fn new(value: Option<Unknown<'_>>) -> Result<Self, Failure> {
        let mut out = PoolProgress { tsfn: None, last: None, end: None, thrown: Thrown::default() };
        let Some(value) = value else { return Ok(out) };
        if value.get_type()? != ValueType::Function {
            return Err(Failure::invalid("onProgress must be a function (rowsDone, rowsTotal) => void"));
        }
        let func = Function::<FnArgs<(f64, f64)>, Unknown<'static>>::from_unknown(value)?;
        out.tsfn = Some(func.build_threadsafe_function::<FnArgs<(f64, f64)>>().build()?);
        Ok(out)
    }

    fn failed(&self) -> bool {
        self.thrown.lock().map_or(true, |t| t.is_some())
    }

    /// The core's hook, on the pool thread.
    pub fn report(&mut self, done: u64, total: u64) {
        if self.tsfn.is_none() || self.last == Some((done, total)) || self.failed() {
            return;
        }
        self.last = Some((done, total));
        if done >= total {
            self.end = Some((done, total));
            return;
        }
        self.call(done, total, None);
    }

    /// Makes the final call and waits until it (and every call before it) has run.
    pub fn finish(&mut self) {
        if let Some((done, total)) = self.end.take()
            && !self.failed()
        {
            let (tx, rx) = mpsc::channel::<()>();
            if self.call(done, total, Some(tx)) {
                let _ = rx.recv();
            }
        }
    }

    fn call(&self, done: u64, total: u64, ran: Option<Sender<()>>) -> bool {
        let Some(tsfn) = &self.tsfn else { return false };
        let thrown = std::sync::Arc::clone(&self.thrown);
        let mode =
            if ran.is_some() { ThreadsafeFunctionCallMode::Blocking } else { ThreadsafeFunctionCallMode::NonBlocking };
        // Row counts stay far below 2^53: exact as JS numbers.
        let status = tsfn.call_with_return_value(FnArgs::from((done as f64, total as f64)), mode, move |ret, _| {
            if let Err(e) = ret
                && let Ok(mut slot) = thrown.lock()
                && slot.is_none()
            {
                *slot = Some(e);
            }
            if let Some(tx) = ran {
                let _ = tx.send(());
            }
            Ok(())
        });
        status == Status::Ok
    }
}
