//! transport (being written)
