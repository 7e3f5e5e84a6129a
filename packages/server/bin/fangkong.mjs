#!/usr/bin/env node
// The `fangkong` command when the package is installed: the CLI runs from its TypeScript sources
// through tsx, as `npm run fangkong` does, so there is no separate build to keep in step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
