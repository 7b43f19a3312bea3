//! One stable sort for every list the pages order.
//!
//! `sort_by`/`sort_by_key` compile a whole stable sort (about 3 KB of wasm) for each element
//! type and comparison. The pages sort a handful of lists once per load, so they share one
//! compiled sort of positions here and pay a call through `dyn` per comparison instead.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (like `sort_by`).
pub fn sort_stable<T>(items: &mut Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // `order` holds each position exactly once, so every slot is taken once.
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// Positions `0..len` in the order `compare` gives them; ties keep their order.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::sort_stable;

    #[test]
    fn sorts_and_keeps_ties_in_their_order() {
        let mut words = vec![("b", 1), ("a", 2), ("b", 0), ("c", 3), ("a", 1)];
        sort_stable(&mut words, &|x, y| x.0.cmp(y.0));
        assert_eq!(words, [("a", 2), ("a", 1), ("b", 1), ("b", 0), ("c", 3)]);

        let mut empty: Vec<u8> = Vec::new();
        sort_stable(&mut empty, &|x, y| x.cmp(y));
        assert!(empty.is_empty());
    }
}
