//! types (being written)
