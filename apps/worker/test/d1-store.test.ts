import { env } from 'cloudflare:workers';
import { runStoreContract } from '@clickwa/webhook/contract';
import { createD1Store } from '../src/d1-store.ts';

runStoreContract('D1 + R2', () => createD1Store(env.DB, env.MEDIA));
