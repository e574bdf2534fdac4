import { testApp } from './harness.js';
const env = await testApp();
const app = env.app;
for (const c of app.collections.all()) console.log(c.id, c.name, c.fields.map((f) => f.id + ':' + f.name).join(' '), c.indexes);
console.log(await app.store.all("select sql from sqlite_master where name in ('users','_superusers', '_otps')"));
console.log(JSON.stringify(app.collections.find('users')?.fields, null, 0));
await env.close();
