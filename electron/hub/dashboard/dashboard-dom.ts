// Small DOM helpers of the dashboard page: typed element look-up and table cells.

/** The element of index.html with this id, of the expected kind (a clear error if the markup drifted). */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof kind)) throw new Error(`the dashboard page has no ${kind.name} #${id}`);
  return el;
}

export function cell(text: string | number | null | undefined, numeric = false): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  if (numeric) td.className = 'num';
  return td;
}

/** One cell across the whole row, for "nothing to show". */
export function emptyRow(text: string, columns: number): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const td = cell(text);
  td.colSpan = columns;
  tr.append(td);
  return tr;
}

export function header(table: HTMLTableElement, labels: readonly string[]): void {
  const tr = document.createElement('tr');
  for (const label of labels) {
    const th = document.createElement('th');
    th.textContent = label;
    tr.append(th);
  }
  // createTHead/createTBody return the table's existing sections.
  table.createTHead().replaceChildren(tr);
}

export function tableBody(table: HTMLTableElement): HTMLTableSectionElement {
  return table.tBodies[0] ?? table.createTBody();
}
