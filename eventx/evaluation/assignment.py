"""Maximum-weight bipartite matching (Hungarian algorithm), pure Python.

The scorer's matching problems are small (the events of one type in one document, the fillers
of one role), so an O(n²m) Kuhn-Munkres with exact integer arithmetic is fast and has no
dependency. Weights are integers so that callers can encode lexicographic preferences
("most pairs, then most argument matches, then closest trigger") as one big number.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["max_weight_matching"]


def max_weight_matching(n_left: int, n_right: int, weight: Callable[[int, int], int]) -> list[tuple[int, int]]:
    """Pairs ``(left, right)`` of maximum total weight; only pairs with ``weight > 0`` are edges.

    Every left and right item is used at most once. The result is sorted by ``left``.
    """
    if n_left == 0 or n_right == 0:
        return []
    weights = [[max(0, weight(i, j)) for j in range(n_right)] for i in range(n_left)]
    if not any(any(row) for row in weights):
        return []
    transposed = n_left > n_right
    if transposed:  # the algorithm below wants rows <= columns
        weights = [list(column) for column in zip(*weights, strict=True)]
    heaviest = max(max(row) for row in weights)
    # Non-edges get weight 0, i.e. the highest cost: a full assignment of maximum weight restricted
    # to its positive-weight pairs is a maximum-weight matching.
    assignment = _min_cost_assignment([[heaviest - w for w in row] for row in weights])
    pairs = [(row, column) for row, column in enumerate(assignment) if weights[row][column] > 0]
    if transposed:
        pairs = [(column, row) for row, column in pairs]
    return sorted(pairs)


def _min_cost_assignment(cost: list[list[int]]) -> list[int]:
    """Column assigned to each row, minimizing total cost; requires ``len(rows) <= len(columns)``.

    Shortest augmenting paths with potentials (the classic O(n²m) formulation), 1-based inside.
    """
    n, m = len(cost), len(cost[0])
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: row assigned to column j (0 = free)
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        min_reduced: list[float] = [float("inf")] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta: float = float("inf")
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < min_reduced[j]:
                    min_reduced[j] = reduced
                    way[j] = j0
                if min_reduced[j] < delta:
                    delta = min_reduced[j]
                    j1 = j
            step = int(delta)  # finite: some column is still unused because n <= m
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += step
                    v[j] -= step
                else:
                    min_reduced[j] -= step
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    assignment = [0] * n
    for column in range(1, m + 1):
        if owner[column]:
            assignment[owner[column] - 1] = column - 1
    return assignment
