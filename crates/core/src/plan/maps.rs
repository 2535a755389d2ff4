//! Small maps for what the week loop looks up many times a week: by programme slot (a sorted
//! vector: a plan has a few dozen slots) and by library position (a vector as long as the
//! library). Both keep the iteration order of the ordered maps they replace.

use super::sessions::Slot;

/// Values by programme slot, in slot order, found through a table with a place for every
/// slot there can be (a plan looks slots up thousands of times and adds a few dozen).
#[derive(Debug, Clone)]
pub(super) struct SlotMap<V> {
    /// For each slot's [`key`], 1 + its place in `slots` and `values`, or 0 for none.
    table: Vec<u16>,
    /// The slots held, in order.
    slots: Vec<Slot>,
    values: Vec<V>,
}

impl<V> Default for SlotMap<V> {
    fn default() -> Self {
        SlotMap {
            table: Vec::new(),
            slots: Vec::new(),
            values: Vec::new(),
        }
    }
}

/// Slots there can be: every pattern with every variant.
const SLOTS: usize = crate::library::Pattern::ALL.len() * 256;

/// A slot's place in the table.
fn key((pattern, variant): Slot) -> usize {
    (usize::from(pattern as u8) << 8) | usize::from(variant)
}

impl<V> SlotMap<V> {
    fn place(&self, slot: &Slot) -> Option<usize> {
        match self.table.get(key(*slot)) {
            Some(&i) if i > 0 => Some(usize::from(i - 1)),
            _ => None,
        }
    }

    /// Writes every slot's place from `from` on into the table.
    fn reindex(&mut self, from: usize) {
        for (i, slot) in self.slots.iter().enumerate().skip(from) {
            if let Some(cell) = self.table.get_mut(key(*slot)) {
                *cell = u16::try_from(i + 1).unwrap_or(0);
            }
        }
    }

    pub(super) fn get(&self, slot: &Slot) -> Option<&V> {
        self.place(slot).and_then(|i| self.values.get(i))
    }

    pub(super) fn contains_key(&self, slot: &Slot) -> bool {
        self.place(slot).is_some()
    }

    /// Puts `value` in `slot`, replacing what was there.
    pub(super) fn insert(&mut self, slot: Slot, value: V) {
        if let Some(i) = self.place(&slot)
            && let Some(v) = self.values.get_mut(i)
        {
            *v = value;
            return;
        }
        if self.table.is_empty() {
            self.table = vec![0; SLOTS];
        }
        let at = self.slots.partition_point(|s| *s < slot);
        self.slots.insert(at, slot);
        self.values.insert(at, value);
        self.reindex(at);
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &V> {
        self.values.iter()
    }

    pub(super) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.values.iter_mut()
    }

    /// Keeps the slots for which `keep` says so.
    pub(super) fn retain(&mut self, mut keep: impl FnMut(&Slot) -> bool) {
        let mut i = 0;
        let mut removed = false;
        while i < self.slots.len() {
            if keep(&self.slots[i]) {
                i += 1;
                continue;
            }
            if let Some(cell) = self.table.get_mut(key(self.slots[i])) {
                *cell = 0;
            }
            self.slots.remove(i);
            self.values.remove(i);
            removed = true;
        }
        if removed {
            self.reindex(0);
        }
    }
}

/// A set of slots, one bit for every slot there can be.
pub(super) struct SlotSet([u64; SLOTS / 64]);

impl SlotSet {
    pub(super) fn new() -> Self {
        SlotSet([0; SLOTS / 64])
    }

    pub(super) fn insert(&mut self, slot: Slot) {
        let k = key(slot);
        if let Some(word) = self.0.get_mut(k / 64) {
            *word |= 1 << (k % 64);
        }
    }

    pub(super) fn contains(&self, slot: Slot) -> bool {
        let k = key(slot);
        self.0
            .get(k / 64)
            .is_some_and(|word| word & (1 << (k % 64)) != 0)
    }
}

/// Values by library position.
#[derive(Debug, Clone)]
pub(super) struct PositionMap<V>(Vec<Option<V>>);

impl<V> Default for PositionMap<V> {
    fn default() -> Self {
        PositionMap(Vec::new())
    }
}

impl<V> PositionMap<V> {
    pub(super) fn get(&self, position: usize) -> Option<&V> {
        self.0.get(position).and_then(Option::as_ref)
    }

    /// Puts `value` at `position`, replacing what was there.
    pub(super) fn insert(&mut self, position: usize, value: V) {
        if position >= self.0.len() {
            self.0.resize_with(position + 1, || None);
        }
        self.0[position] = Some(value);
    }

    /// The value at `position`, put there from `make` if there is none.
    pub(super) fn get_or_insert_with(&mut self, position: usize, make: impl FnOnce() -> V) -> &V {
        if position >= self.0.len() {
            self.0.resize_with(position + 1, || None);
        }
        self.0[position].get_or_insert_with(make)
    }

    pub(super) fn remove(&mut self, position: usize) {
        if let Some(v) = self.0.get_mut(position) {
            *v = None;
        }
    }

    pub(super) fn clear(&mut self) {
        self.0.iter_mut().for_each(|v| *v = None);
    }

    pub(super) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().filter_map(Option::as_mut)
    }
}

#[cfg(test)]
mod tests {
    use super::{PositionMap, SlotMap, SlotSet};
    use crate::library::Pattern;
    use std::collections::BTreeMap;

    /// Inserts, replacements and removals in a scrambled order: the map answers and iterates
    /// as an ordered map of the same slots does.
    #[test]
    fn slot_map_answers_as_an_ordered_map() {
        let mut map = SlotMap::default();
        let mut model = BTreeMap::new();
        for step in 0u32..600 {
            let pattern = Pattern::ALL[(step * 7 % 12) as usize];
            let variant = [0u8, 1, 2, 7, 200, 203, 254, 255][(step * 5 % 8) as usize];
            let slot = (pattern, variant);
            map.insert(slot, step);
            model.insert(slot, step);
            if step % 50 == 49 {
                let cut = step % 3;
                map.retain(|s| u32::from(s.1) % 3 != cut);
                model.retain(|s, _| u32::from(s.1) % 3 != cut);
            }
            let probe = (Pattern::ALL[(step * 11 % 12) as usize], variant);
            assert_eq!(map.get(&probe), model.get(&probe));
            assert_eq!(map.contains_key(&probe), model.contains_key(&probe));
            assert!(map.values().eq(model.values()), "step {step}");
        }
    }

    #[test]
    fn position_map_keeps_what_was_put_where() {
        let mut map = PositionMap::default();
        assert_eq!(map.get(3), None);
        map.insert(3, 'a');
        assert_eq!(*map.get_or_insert_with(3, || 'b'), 'a');
        assert_eq!(*map.get_or_insert_with(9, || 'c'), 'c');
        map.remove(3);
        assert_eq!(map.get(3), None);
        assert_eq!(map.values_mut().count(), 1);
        map.clear();
        assert_eq!(map.get(9), None);
    }

    #[test]
    fn slot_set_holds_exactly_the_slots_put_in() {
        let mut set = SlotSet::new();
        set.insert((Pattern::Squat, 1));
        set.insert((Pattern::Impact, 255));
        assert!(set.contains((Pattern::Squat, 1)));
        assert!(set.contains((Pattern::Impact, 255)));
        assert!(!set.contains((Pattern::Squat, 0)));
        assert!(!set.contains((Pattern::Hinge, 1)));
        assert!(!set.contains((Pattern::Breathing, 0)));
    }
}
