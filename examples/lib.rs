//! Runnable examples of the cadastro crate live next to this file; see README.md.
