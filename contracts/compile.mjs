// Compiles the Solidity contracts with the pinned solc (npm) and writes ABI + bytecode to build/.
// `node contracts/compile.mjs --check` compiles afresh and exits 1 if the committed files differ.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const here = dirname(fileURLToPath(import.meta.url));
const contracts = ["KeyRegistry"];
const check = process.argv.includes("--check");

const input = {
  language: "Solidity",
  sources: Object.fromEntries(
    contracts.map((name) => [`${name}.sol`, { content: readFileSync(join(here, `${name}.sol`), "utf8") }]),
  ),
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
if (errors.length > 0) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(2);
}

const buildDir = join(here, "build");
mkdirSync(buildDir, { recursive: true });
let stale = 0;
for (const name of contracts) {
  const compiled = output.contracts[`${name}.sol`][name];
  const files = {
    [`${name}.abi.json`]: JSON.stringify(compiled.abi, null, 2) + "\n",
    [`${name}.bin`]: compiled.evm.bytecode.object + "\n",
  };
  for (const [file, content] of Object.entries(files)) {
    const path = join(buildDir, file);
    if (check) {
      const committed = existsSync(path) ? readFileSync(path, "utf8") : "";
      if (committed !== content) {
        console.error(`contracts/build/${file} differs from a fresh compile with solc ${solc.version()}`);
        stale++;
      }
    } else {
      writeFileSync(path, content);
    }
  }
}
if (check && stale > 0) process.exit(1);
console.log(`${check ? "checked" : "compiled"} ${contracts.join(", ")} with solc ${solc.version()}`);
