/**
 * Child process of `run.ts`: `node --expose-gc --import tsx bench/measure.ts SCENARIO ENGINE BUNDLE`
 * prints one JSON number, the figure for that scenario and engine.
 */
import { pathToFileURL } from 'node:url';
import type * as Engine from '../engine/index.js';
import { measure, type EngineName, type ScenarioName } from './engine.bench.js';

const [scenario, engineName, bundle] = process.argv.slice(2) as [ScenarioName, EngineName, string];
const engine = (await import(pathToFileURL(bundle).href)) as typeof Engine;
console.log(JSON.stringify(await measure(scenario, engineName, engine)));
