#!/usr/bin/env bash
# Refreshes the NL Design System style sheets the portal serves (src/main/resources/portal/nlds/) from npm.
# The build needs only a JDK, so the files are committed; this script is how they were made and how to update them:
# pin the versions below, run it (needs node and npm), look at the pages, commit.
#
#   components.css  the Utrecht component style sheets the pages use (class names utrecht-*), minified, in this order
#   tokens.css      the design tokens of the "voorbeeld" theme on :root, only the custom properties that the
#                   components or portal.css read (directly or through other tokens)
#   LICENCE.md      their licence (EUPL-1.2; every package ships the same text)
#   ORIGIN.md       package and version of every file
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/main/resources/portal/nlds
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

TOKENS="@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1"
# package@version and the file of it we take: dist/index.min.css (class names) or dist/html/index.min.css
# (the same component on the bare HTML element, for elements the templates write without a class: a, ul, ol, table, mark, code)
COMPONENTS=(
  "@utrecht/document-css@3.0.1 dist/index.min.css"
  "@utrecht/page-header-css@3.0.2 dist/index.min.css"
  "@utrecht/page-footer-css@4.0.2 dist/index.min.css"
  "@utrecht/skip-link-css@3.0.1 dist/index.min.css"
  "@utrecht/heading-1-css@3.0.1 dist/index.min.css"
  "@utrecht/heading-2-css@3.0.1 dist/index.min.css"
  "@utrecht/heading-3-css@3.0.1 dist/index.min.css"
  "@utrecht/paragraph-css@4.0.1 dist/index.min.css"
  "@utrecht/link-css@3.0.1 dist/html/index.min.css"
  "@utrecht/link-css@3.0.1 dist/index.min.css"
  "@utrecht/unordered-list-css@3.1.1 dist/html/index.min.css"
  "@utrecht/button-css@4.0.1 dist/index.min.css"
  "@utrecht/textbox-css@4.0.1 dist/index.min.css"
  "@utrecht/form-label-css@3.0.1 dist/index.min.css"
  "@utrecht/form-fieldset-css@3.0.1 dist/index.min.css"
  "@utrecht/table-css@3.0.1 dist/html/index.min.css"
  "@utrecht/table-css@3.0.1 dist/index.min.css"
  "@utrecht/pagination-css@3.0.1 dist/index.min.css"
  "@utrecht/data-badge-css@3.0.1 dist/index.min.css"
  "@utrecht/mark-css@3.0.1 dist/html/index.min.css"
  "@utrecht/code-css@3.0.1 dist/html/index.min.css"
)

packages=("$TOKENS")
for c in "${COMPONENTS[@]}"; do packages+=("${c%% *}"); done
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts $(printf '%s\n' "${packages[@]}" | sort -u) >/dev/null)

mkdir -p "$OUT"
: > "$OUT/components.css"
origin="# Origin of the NL Design System files\n\nMade by \`scripts/refresh-nlds.sh\` from npm; licence: EUPL-1.2 (\`LICENCE.md\`).\n\n"
origin+="\`tokens.css\`: \`$TOKENS\` \`dist/variables.css\`, only the custom properties the style sheets read.\n\n\`components.css\`, in this order:\n\n"
for c in "${COMPONENTS[@]}"; do
  pkg=${c%% *}; file=${c#* }; name=${pkg%@*}
  version=$(node -p "require('$WORK/node_modules/$name/package.json').version")
  licence=$(node -p "require('$WORK/node_modules/$name/package.json').license")
  [ "$licence" = "EUPL-1.2" ] || { echo "$name is $licence, not EUPL-1.2" >&2; exit 1; }
  printf '/* %s@%s %s */\n' "$name" "$version" "$file" >> "$OUT/components.css"
  cat "$WORK/node_modules/$name/$file" >> "$OUT/components.css"
  printf '\n' >> "$OUT/components.css"
  origin+="- \`$name@$version\` \`$file\`\n"
done

# Only the tokens something reads: start from every var(--…) in the components and portal.css, follow the tokens'
# own var() references, keep the declarations in the theme's order.
node - "$WORK/node_modules/${TOKENS%@*}/dist/variables.css" "$OUT/components.css" src/main/resources/portal/portal.css \
  > "$OUT/tokens.css" <<'JS'
const fs = require('fs');
const [theme, ...readers] = process.argv.slice(2);
const refs = text => [...text.matchAll(/var\(\s*(--[\w-]+)/g)].map(m => m[1]);
const declarations = [...fs.readFileSync(theme, 'utf8').matchAll(/^\s*(--[\w-]+)\s*:\s*([^;]*);/gm)]
  .map(m => ({ name: m[1], value: m[2] }));
const byName = new Map(declarations.map(d => [d.name, d]));
const wanted = new Set();
const todo = readers.flatMap(f => refs(fs.readFileSync(f, 'utf8')));
while (todo.length) {
  const name = todo.pop();
  if (wanted.has(name) || !byName.has(name)) continue;
  wanted.add(name);
  todo.push(...refs(byName.get(name).value));
}
const kept = declarations.filter(d => wanted.has(d.name));
process.stdout.write('/* @nl-design-system-unstable/voorbeeld-design-tokens (EUPL-1.2), the tokens the portal reads; '
  + 'made by scripts/refresh-nlds.sh */\n:root{' + kept.map(d => `${d.name}:${d.value}`).join(';') + '}\n');
JS

cp "$WORK/node_modules/${TOKENS%@*}/LICENSE.md" "$OUT/LICENCE.md"
printf "$origin" > "$OUT/ORIGIN.md"
wc -c "$OUT"/*.css
