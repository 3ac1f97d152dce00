//! Where the commands' store is (`--db PATH`, or `--store LOCATION`: a SQLite path,
//! `sqlite:PATH` or a `postgres://` URL) and how each command opens it: an import creates and
//! migrates it, a dry run never writes (a missing SQLite file or an empty PostgreSQL database is
//! an empty base), `export` and `accounts` need one that exists.

use std::path::PathBuf;
use std::time::Duration;

use cadastro_store::{CustomerStore, OpenOptions, Store, StoreError, StoreLocation, open_store};

use crate::import::Failure;

/// The store a command was given: `--store` when present, else `--db` (default `cadastro.db`).
#[derive(Debug, Clone)]
pub(crate) struct StoreTarget {
    location: StoreLocation,
    raw: String,
}

impl StoreTarget {
    /// From the `--db` and `--store` options (clap keeps them exclusive).
    pub(crate) fn new(db: Option<&std::path::Path>, store: Option<&str>) -> Result<StoreTarget, Failure> {
        let raw = match (store, db) {
            (Some(s), _) => s.to_owned(),
            (None, Some(p)) => format!("sqlite:{}", p.display()),
            (None, None) => "sqlite:cadastro.db".to_owned(),
        };
        let location = match (store, db) {
            (Some(s), _) => StoreLocation::parse(s)?,
            (None, Some(p)) => StoreLocation::Sqlite(p.to_path_buf()),
            (None, None) => StoreLocation::Sqlite(PathBuf::from("cadastro.db")),
        };
        Ok(StoreTarget { location, raw })
    }

    /// The store as the summaries show it (a URL without its password).
    pub(crate) fn display(&self) -> String {
        self.location.display()
    }

    /// The store an import writes to (created and migrated when needed), or for a dry run one
    /// that is only read: an existing SQLite file read-only, a missing one an empty in-memory
    /// base; a PostgreSQL database read-only, an empty one (no cadastro schema) an empty base.
    pub(crate) fn open_for_import(&self, dry_run: bool, busy: Duration) -> Result<Box<dyn CustomerStore>, Failure> {
        let options = OpenOptions { busy_timeout: busy, read_only: dry_run };
        let store: Box<dyn CustomerStore> = match (&self.location, dry_run) {
            (StoreLocation::Sqlite(path), true) if !path.exists() => Box::new(Store::open_in_memory()?),
            (StoreLocation::Postgres(_), true) => match open_store(&self.raw, options) {
                Err(StoreError::Outdated { found: 0, .. }) => Box::new(Store::open_in_memory()?),
                other => other?,
            },
            _ => open_store(&self.raw, options)?,
        };
        Ok(store)
    }

    /// A store that must exist (export, accounts): a missing SQLite file is an `io` error naming
    /// the path (nothing is created); read-only unless `write`.
    pub(crate) fn open_existing(&self, write: bool) -> Result<Box<dyn CustomerStore>, Failure> {
        if let StoreLocation::Sqlite(path) = &self.location
            && !path.exists()
        {
            return Err(Failure::Core(
                cadastro::ErrorKind::Io {
                    path: Some(path.display().to_string()),
                    source: std::io::Error::new(std::io::ErrorKind::NotFound, "no store here (import a file first)"),
                }
                .into(),
            ));
        }
        let options = OpenOptions { read_only: !write, ..OpenOptions::default() };
        Ok(open_store(&self.raw, options)?)
    }
}
