// Entry point: the API stub in its own process; the parent reads its counts by message.
import { startApiStub } from '../support/apiStub.js';
import { onParentMessage, tellParentReady } from '../support/processes.js';

const stub = await startApiStub();
onParentMessage('counts', () => ({ counts: { ...stub.counts } }));
process.on('SIGTERM', () => void stub.close().finally(() => process.exit(0)));
tellParentReady(stub.port);
