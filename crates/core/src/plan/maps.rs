//! Small maps for what the week loop looks up many times a week: by programme slot (a sorted
//! vector: a plan has a few dozen slots) and by library position (a vector as long as the
//! library). Both keep the iteration order of the ordered maps they replace.

use super::sessions::Slot;

/// Values by programme slot, in slot order.
#[derive(Debug, Clone)]
pub(super) struct SlotMap<V>(Vec<(Slot, V)>);

impl<V> Default for SlotMap<V> {
    fn default() -> Self {
        SlotMap(Vec::new())
    }
}

impl<V> SlotMap<V> {
    fn find(&self, slot: &Slot) -> Result<usize, usize> {
        self.0.binary_search_by(|(s, _)| s.cmp(slot))
    }

    pub(super) fn get(&self, slot: &Slot) -> Option<&V> {
        self.find(slot).ok().map(|i| &self.0[i].1)
    }

    pub(super) fn contains_key(&self, slot: &Slot) -> bool {
        self.find(slot).is_ok()
    }

    /// Puts `value` in `slot`, replacing what was there.
    pub(super) fn insert(&mut self, slot: Slot, value: V) {
        match self.find(&slot) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (slot, value)),
        }
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub(super) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// Keeps the slots for which `keep` says so.
    pub(super) fn retain(&mut self, mut keep: impl FnMut(&Slot) -> bool) {
        self.0.retain(|(s, _)| keep(s));
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
