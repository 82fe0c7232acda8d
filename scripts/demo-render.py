#!/usr/bin/env python3
"""Renders what `make demo` shows of Terraform / OpenTofu, with no tool noise.

  demo-render.py stream SUMMARY_FILE    reads `apply -json` / `destroy -json` lines on stdin; prints
                                        each resource as it completes, every diagnostic except the
                                        expected dev_overrides warning, and Terraform's own closing
                                        line ("Apply complete! Resources: 3 added, ..."); writes
                                        "add change remove" to SUMMARY_FILE
  demo-render.py plan                   filters a human-readable plan on stdin: drops the
                                        dev_overrides warning box and the refresh/read progress lines
  demo-render.py drift PLAN_JSON        prints the attributes each resource's update changes, from
                                        `show -json PLANFILE`; the last line is "RESOURCES ATTRIBUTES"
"""
import json
import re
import sys

DEV_OVERRIDES = "development overrides"


def stream(summary_file):
    verbs = {"create": "created", "update": "updated", "delete": "destroyed", "replace": "replaced"}
    summary = None
    for line in sys.stdin:
        try:
            msg = json.loads(line)
        except ValueError:
            # Anything that is not a JSON message (a crash, say) is shown as it came.
            sys.stdout.write(line)
            continue
        kind = msg.get("type")
        if kind == "apply_complete":
            hook = msg["hook"]
            addr = hook["resource"]["addr"]
            ident = " [%s=%s]" % (hook["id_key"], hook["id_value"]) if hook.get("id_key") else ""
            verb = verbs.get(hook.get("action"), hook.get("action"))
            print("  %-34s %s in %ss%s" % (addr, verb, hook.get("elapsed_seconds", 0), ident))
        elif kind == "apply_errored":
            print("  %-34s FAILED" % msg["hook"]["resource"]["addr"])
        elif kind == "diagnostic":
            diag = msg.get("diagnostic", {})
            if DEV_OVERRIDES in diag.get("summary", ""):
                continue
            # Warnings in one line, as -compact-warnings has them; errors whole.
            print("  %s: %s" % (diag.get("severity", "").capitalize(), diag.get("summary", "")))
            if diag.get("severity") == "error":
                for detail in diag.get("detail", "").splitlines():
                    print("    " + detail)
        elif kind == "change_summary":
            changes = msg.get("changes", {})
            summary = (changes.get("add", 0), changes.get("change", 0), changes.get("remove", 0))
            print("  " + msg.get("@message", ""))
        sys.stdout.flush()
    with open(summary_file, "w") as f:
        f.write("%d %d %d\n" % summary if summary else "")


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plan():
    # Terraform runs with colour so its warning boxes can be told apart; a log file gets none.
    strip = not sys.stdout.isatty()
    box, blank = None, True
    for line in sys.stdin:
        if strip:
            line = ANSI.sub("", line)
        if box is not None:
            box.append(line)
            if "╵" in line:
                if not any(DEV_OVERRIDES in l for l in box):
                    sys.stdout.write("".join(box))
                box = None
            continue
        if "╷" in line:
            box = [line]
            continue
        if re.search(r": (Refreshing state\.\.\.|Reading\.\.\.|Read complete after)", line):
            continue
        # No run of blank lines where the filtered lines were, and none at the start.
        is_blank = line.strip() == ""
        if is_blank and blank:
            continue
        blank = is_blank
        sys.stdout.write(line)


def changed_paths(before, after, unknown, path):
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        unknown = unknown if isinstance(unknown, dict) else {}
        for key in sorted(set(before) | set(after) | set(unknown)):
            yield from changed_paths(before.get(key), after.get(key), unknown.get(key), path + [str(key)])
    elif isinstance(before, list) or isinstance(after, list):
        before, after = before or [], after or []
        unknown = unknown if isinstance(unknown, list) else []
        for i in range(max(len(before), len(after))):
            b = before[i] if i < len(before) else None
            a = after[i] if i < len(after) else None
            u = unknown[i] if i < len(unknown) else None
            yield from changed_paths(b, a, u, path + [str(i)])
    elif unknown is True or before != after:
        yield path


def drift(plan_json):
    with open(plan_json) as f:
        planned = json.load(f)
    resources = attributes = 0
    for rc in planned.get("resource_changes", []):
        change = rc.get("change", {})
        if change.get("actions") in (["no-op"], ["read"]):
            continue
        resources += 1
        paths = list(changed_paths(change.get("before"), change.get("after"), change.get("after_unknown"), []))
        # tags_all follows tags; it is the same drift said twice.
        paths = [p for p in paths if p[0] != "tags_all"]
        # An attribute is a name, or a map entry's attribute (an alarm's threshold, a region's
        # recorder); list elements belong to their attribute.
        groups = {}
        for p in paths:
            names = [x for x in p if not x.isdigit()]
            entry = names[0] if len(names) < 3 else "%s[%s]" % (names[0], names[1])
            groups.setdefault(entry, [])
            if len(names) >= 3 and names[2] not in groups[entry]:
                groups[entry].append(names[2])
        shown = []
        for entry, attrs in groups.items():
            attributes += max(len(attrs), 1)
            if len(attrs) > 3:
                shown.append("%s (%d attributes: %s, ...)" % (entry, len(attrs), ", ".join(attrs[:3])))
            elif attrs:
                shown.append("%s.{%s}" % (entry, ", ".join(attrs)))
            else:
                shown.append(entry)
        print("  %-30s %s" % (rc["address"], "; ".join(shown)))
    print("%d %d" % (resources, attributes))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "stream":
        stream(sys.argv[2])
    elif mode == "plan":
        plan()
    elif mode == "drift":
        drift(sys.argv[2])
    else:
        sys.exit(__doc__)
