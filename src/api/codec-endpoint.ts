// The remote codec the Temporal UI and CLI call to show ticket payloads decrypted (POST
// /codec/decode) and to encrypt what ops send (POST /codec/encode): Temporal's codec-server
// protocol, JSON payloads with base64 bytes. For signed-in Support Ops only; anyone else reads
// ciphertext. The UI is served on the portal's origin (temporal-ui.ts), so its calls carry the
// session cookie; the CLI passes the session's secret: `--codec-auth "Bearer <secret>"`.
import express, { type RequestHandler, type Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Database } from '../db/client.js';
import { agentOf } from './agent-session.js';

const { Payloads } = proto.temporal.api.common.v1;

/** Larger than any payload the desk makes (a reply is at most 32,000 characters, with its state). */
const MAX_CODEC_BODY = '4mb';

export function codecEndpoint(db: Database, codec: PayloadCodec, namespace: string): Router {
  const router = express.Router();
  const handle = (direction: 'encode' | 'decode'): RequestHandler => async (req, res, next) => {
    try {
      if (!(await agentOf(db, req))) {
        res.status(401).json({ message: 'Sign in to the portal as Support Ops to read ticket payloads.' });
        return;
      }
      const asked = req.get('x-namespace');
      if (asked && asked !== namespace) {
        res.status(400).json({ message: `This codec serves the namespace ${namespace}, not ${asked}.` });
        return;
      }
      let payloads: Payload[];
      try {
        payloads = Payloads.fromObject(req.body ?? {}).payloads as Payload[];
      } catch {
        res.status(400).json({ message: 'Send {"payloads": [{"metadata": {…}, "data": "<base64>"}]}.' });
        return;
      }
      const result = direction === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
      res.set('Cache-Control', 'no-store').json(Payloads.toObject(Payloads.create({ payloads: result }), { bytes: String }));
    } catch (error) {
      next(error);
    }
  };
  router.post('/encode', express.json({ limit: MAX_CODEC_BODY }), handle('encode'));
  router.post('/decode', express.json({ limit: MAX_CODEC_BODY }), handle('decode'));
  return router;
}
