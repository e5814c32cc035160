"""Simple in-memory inventory tracking for a small warehouse.

The module keeps track of stock items identified by SKU, supports
receiving and shipping stock, reserving units for pending orders, and
reporting items that need to be reordered.

Example:
    >>> inv = Inventory()
    >>> _ = inv.add_item("TEA-001", "Green tea 100g", unit_cost=3.20,
    ...                  reorder_point=10)
    >>> inv.receive("TEA-001", 25)
    >>> inv.reserve("TEA-001", 5)
    >>> inv.available("TEA-001")
    20
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, List


class InventoryError(Exception):
    """Raised when an inventory operation cannot be completed."""


@dataclass
class StockItem:
    """A single product line held in the warehouse.

    Attributes:
        sku: Unique stock-keeping unit code, e.g. "TEA-001".
        name: Human-readable product name.
        unit_cost: Purchase cost per unit, in the store currency.
        reorder_point: When available units fall to this level or
            below, the item should be reordered.
        on_hand: Units physically present in the warehouse.
        reserved: Units promised to orders that have not shipped yet.
        history: Chronological log of (timestamp, action, quantity).
    """

    sku: str
    name: str
    unit_cost: float
    reorder_point: int = 0
    on_hand: int = 0
    reserved: int = 0
    history: List[tuple] = field(default_factory=list)

    @property
    def available(self) -> int:
        """Units that can still be promised to new orders."""
        return self.on_hand - self.reserved

    def log(self, action: str, quantity: int) -> None:
        """Append an entry to the item's history with a UTC timestamp."""
        self.history.append((datetime.now(timezone.utc), action, quantity))


class Inventory:
    """A collection of stock items keyed by SKU."""

    def __init__(self) -> None:
        self._items: Dict[str, StockItem] = {}

    # ------------------------------------------------------------------
    # Item management
    # ------------------------------------------------------------------
    def add_item(self, sku: str, name: str, unit_cost: float,
                 reorder_point: int = 0) -> StockItem:
        """Register a new product line with zero stock.

        Raises:
            InventoryError: if the SKU already exists or the cost is negative.
        """
        sku = sku.strip().upper()
        if sku in self._items:
            raise InventoryError(f"SKU {sku} already exists")
        if unit_cost < 0:
            raise InventoryError("unit_cost must not be negative")
        item = StockItem(sku=sku, name=name, unit_cost=unit_cost,
                         reorder_point=reorder_point)
        self._items[sku] = item
        return item

    def get(self, sku: str) -> StockItem:
        """Return the item for ``sku`` (case-insensitive)."""
        try:
            return self._items[sku.strip().upper()]
        except KeyError:
            raise InventoryError(f"Unknown SKU {sku}") from None

    # ------------------------------------------------------------------
    # Stock movements
    # ------------------------------------------------------------------
    def receive(self, sku: str, quantity: int) -> None:
        """Add ``quantity`` units delivered by a supplier."""
        self._check_positive(quantity)
        item = self.get(sku)
        item.on_hand += quantity
        item.log("receive", quantity)

    def reserve(self, sku: str, quantity: int) -> None:
        """Hold ``quantity`` units for a pending customer order.

        Raises:
            InventoryError: if fewer than ``quantity`` units are available.
        """
        self._check_positive(quantity)
        item = self.get(sku)
        if quantity > item.available:
            raise InventoryError(
                f"Cannot reserve {quantity} of {item.sku}; "
                f"only {item.available} available")
        item.reserved += quantity
        item.log("reserve", quantity)

    def release(self, sku: str, quantity: int) -> None:
        """Cancel a reservation, making the units available again."""
        self._check_positive(quantity)
        item = self.get(sku)
        if quantity > item.reserved:
            raise InventoryError("Cannot release more than is reserved")
        item.reserved -= quantity
        item.log("release", quantity)

    def ship(self, sku: str, quantity: int) -> None:
        """Ship previously reserved units to the customer.

        Shipping reduces both the reserved count and the on-hand count.
        """
        self._check_positive(quantity)
        item = self.get(sku)
        if quantity > item.reserved:
            raise InventoryError(
                f"Only {item.reserved} units of {item.sku} are reserved")
        item.reserved -= quantity
        item.on_hand -= quantity
        item.log("ship", quantity)

    def available(self, sku: str) -> int:
        """Units of ``sku`` that can still be promised to new orders."""
        return self.get(sku).available

    # ------------------------------------------------------------------
    # Reporting
    # ------------------------------------------------------------------
    def items_to_reorder(self) -> List[StockItem]:
        """Return items whose available stock is at or below the reorder point.

        Items are sorted so that the most urgent (largest shortfall
        relative to the reorder point) come first.
        """
        low = [i for i in self._items.values()
               if i.available < i.reorder_point]
        return sorted(low, key=lambda i: i.available - i.reorder_point)

    def total_value(self) -> float:
        """Total purchase value of all on-hand stock, rounded to cents."""
        return round(sum(i.on_hand * i.unit_cost
                         for i in self._items.values()), 2)

    @staticmethod
    def _check_positive(quantity: int) -> None:
        if not isinstance(quantity, int) or quantity <= 0:
            raise InventoryError("quantity must be a positive integer")


if __name__ == "__main__":
    inv = Inventory()
    inv.add_item("tea-001", "Green tea 100g", unit_cost=3.20, reorder_point=10)
    inv.add_item("CUP-010", "Ceramic cup", unit_cost=4.75, reorder_point=6)
    inv.receive("TEA-001", 25)
    inv.receive("CUP-010", 6)
    inv.reserve("TEA-001", 15)
    inv.ship("TEA-001", 15)
    print("Value:", inv.total_value())
    print("Reorder:", [i.sku for i in inv.items_to_reorder()])
