// Entry point: the API stub in its own process; the parent reads its counts by message.
import { startApiStub } from '../support/apiStub.js';
import { onParentMessage, tellParentReady } from '../support/processes.js';

const stub = await startApiStub();
onParentMessage('counts', () => ({ counts: { ...stub.counts } }));
const stop = () => void stub.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
// Left behind by a parent that was killed: the IPC channel closes.
process.on('disconnect', stop);
tellParentReady(stub.port);
