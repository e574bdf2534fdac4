export { startApp, TEST_SUPERUSER, type TestApp } from './app.js';
export { launchChromium, sdkPageServer } from './browser.js';
export { DIALECTS, type Dialect, type DialectSetup, setupDialect } from './dialects.js';
export { EventLog } from './events.js';
export { BIN, type CliResult, freePort, ROOT, runCli, type ServerProcess, startProcess } from './process.js';
export { type RawResponse, rawExchange, rawRequest } from './raw-http.js';
export { linkToken, otpCode, parseMail, type ReceivedMail, startSmtp, TestSmtp, useSmtp } from './smtp.js';
export { onExit, removeDir, tempDir } from './temp.js';
export { type CreateUserOptions, createUser, type TestUser } from './users.js';
