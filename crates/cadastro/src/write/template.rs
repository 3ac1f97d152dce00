//! Templates (in progress).
