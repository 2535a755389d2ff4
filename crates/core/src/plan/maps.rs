//! Small maps for what the week loop looks up many times a week: by programme slot (a sorted
//! vector: a plan has a few dozen slots) and by library position (a vector as long as the
//! library). Both keep the iteration order of the ordered maps they replace.

use super::sessions::Slot;

/// Values by programme slot, in slot order: the slots as sorted keys (pattern, then variant,
/// as [`Slot`] orders them) beside their values.
#[derive(Debug, Clone)]
pub(super) struct SlotMap<V> {
    keys: Vec<u16>,
    slots: Vec<Slot>,
    values: Vec<V>,
}

impl<V> Default for SlotMap<V> {
    fn default() -> Self {
        SlotMap {
            keys: Vec::new(),
            slots: Vec::new(),
            values: Vec::new(),
        }
    }
}

/// A slot as one number that sorts as the slot does.
fn key((pattern, variant): Slot) -> u16 {
    (u16::from(pattern as u8) << 8) | u16::from(variant)
}

impl<V> SlotMap<V> {
    fn find(&self, slot: &Slot) -> Result<usize, usize> {
        self.keys.binary_search(&key(*slot))
    }

    pub(super) fn get(&self, slot: &Slot) -> Option<&V> {
        self.find(slot).ok().map(|i| &self.values[i])
    }

    pub(super) fn contains_key(&self, slot: &Slot) -> bool {
        self.find(slot).is_ok()
    }

    /// Puts `value` in `slot`, replacing what was there.
    pub(super) fn insert(&mut self, slot: Slot, value: V) {
        match self.find(&slot) {
            Ok(i) => self.values[i] = value,
            Err(i) => {
                self.keys.insert(i, key(slot));
                self.slots.insert(i, slot);
                self.values.insert(i, value);
            }
        }
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
        while i < self.keys.len() {
            if keep(&self.slots[i]) {
                i += 1;
            } else {
                self.keys.remove(i);
                self.slots.remove(i);
                self.values.remove(i);
            }
        }
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
