// After each test file: the PostgreSQL databases its stores opened are dropped even when a
// test failed before closing its bot (see openTestStore).
import { afterAll } from 'vitest';
import { dropLeftovers } from './testStore.js';

afterAll(dropLeftovers);
