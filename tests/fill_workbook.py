#!/usr/bin/env python3
"""Fill a workbook of `gongkai template` as a person would, for tests/template.rs.

    python3 tests/fill_workbook.py IN.xlsx OUT.xlsx SPEC.json

SPEC: {"values": [{"region", "indicator", "scope", "period", "value"}],
       "notes": [{"region", "indicator", "scope", "note"}],
       "tasks": [{"region", "task", "status", "progress", "updated"}],
       "tamper": ["reverse_rows", "edit_names", "rename_sheets", "delete_id_columns"],
       "cache_formulas": true}

Rows are found by the hidden ids (row 1 holds each column's key, `gk:...`), as the importer
finds them. A value is typed as given: a number, text (`８５．２`, `推进中`) or a formula
(`=8.5+0.1`). openpyxl saves a formula without the value Excel would store beside it, and the
importer refuses such a cell (docs/import.md); so after saving, this script writes the value of
each arithmetic formula it typed into the file (`<v>` after `<f>`), which is what Excel, WPS and
LibreOffice do on saving; `"cache_formulas": false` leaves the file as openpyxl saved it. Tampering: rows of each data sheet reversed, names edited, every sheet
renamed, the hidden id columns deleted.
"""

import datetime
import json
import re
import shutil
import sys
import zipfile

import openpyxl


def keys_of(ws):
    return {str(c.value): c.column for c in ws[1] if c.value is not None and str(c.value).startswith("gk:")}


def find_row(ws, keys, wanted):
    for r in range(3, ws.max_row + 1):
        if all((ws.cell(r, keys[k]).value or "") == v for k, v in wanted.items()):
            return r
    raise SystemExit(f"no row {wanted} in {ws.title}")


def main():
    src, out, spec_path = sys.argv[1:4]
    spec = json.load(open(spec_path, encoding="utf-8"))
    wb = openpyxl.load_workbook(src)
    formulas = []
    for ws in wb.worksheets:
        keys = keys_of(ws)
        if "gk:indicator_id" in keys:
            for v in spec.get("values", []):
                key = "gk:period:" + v["period"]
                if key not in keys:
                    continue
                want = {"gk:region_id": v["region"], "gk:indicator_id": v["indicator"], "gk:scope_id": v.get("scope") or ""}
                try:
                    r = find_row(ws, keys, want)
                except SystemExit:
                    continue
                cell = ws.cell(r, keys[key])
                cell.value = v["value"]
                if isinstance(v["value"], str) and v["value"].startswith("="):
                    formulas.append((ws.title, cell.coordinate, v["value"][1:]))
            for n in spec.get("notes", []):
                want = {"gk:region_id": n["region"], "gk:indicator_id": n["indicator"], "gk:scope_id": n.get("scope") or ""}
                try:
                    ws.cell(find_row(ws, keys, want), keys["gk:note"]).value = n["note"]
                except SystemExit:
                    continue
        if "gk:task_id" in keys:
            for t in spec.get("tasks", []):
                r = find_row(ws, keys, {"gk:region_id": t["region"], "gk:task_id": t["task"]})
                ws.cell(r, keys["gk:status"]).value = t["status"]
                ws.cell(r, keys["gk:progress"]).value = t["progress"]
                y, m, d = (int(x) for x in t["updated"].split("-"))
                ws.cell(r, keys["gk:updated"]).value = datetime.date(y, m, d)
    tamper = spec.get("tamper", [])
    for ws in wb.worksheets:
        keys = keys_of(ws)
        if not keys:
            continue
        if "reverse_rows" in tamper:
            rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
            rows.reverse()
            for i, values in enumerate(rows):
                for j, value in enumerate(values):
                    ws.cell(3 + i, 1 + j).value = value
        if "edit_names" in tamper:
            for k in ("gk:indicator", "gk:task", "gk:region"):
                if k in keys:
                    for r in range(3, ws.max_row + 1):
                        c = ws.cell(r, keys[k])
                        if c.value:
                            c.value = f"{c.value}（已改）"
        if "delete_id_columns" in tamper:
            for k in sorted((keys[k] for k in keys if k.endswith("_id")), reverse=True):
                ws.delete_cols(k)
    if "rename_sheets" in tamper:
        for i, ws in enumerate(wb.worksheets):
            if ws.sheet_state == "visible":
                ws.title = f"表{i}"
    if formulas and ("reverse_rows" in tamper or "delete_id_columns" in tamper):
        raise SystemExit("formulas and row or column tampering are not combined")
    wb.save(out)
    if formulas and spec.get("cache_formulas", True):
        cache_formula_values(out, wb, formulas)


def cache_formula_values(path, wb, formulas):
    """Write each formula's value into the saved file, as a spreadsheet program would."""
    names = [ws.title for ws in wb.worksheets]
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if m:
                title = names[int(m.group(1)) - 1]
                text = data.decode("utf-8")
                for sheet, coord, formula in formulas:
                    if sheet != title:
                        continue
                    if not re.fullmatch(r"[0-9.+\-*/() ]+", formula):
                        raise SystemExit(f"only arithmetic formulas are computed here: {formula}")
                    value = repr(round(eval(formula), 12))
                    text = re.sub(
                        rf'(<c r="{coord}"[^>]*>)<f>([^<]*)</f>(<v>\s*</v>|<v\s*/>)?',
                        rf"\1<f>\2</f><v>{value}</v>",
                        text,
                    )
                data = text.encode("utf-8")
            zout.writestr(item, data)
    shutil.move(tmp, path)


if __name__ == "__main__":
    main()
