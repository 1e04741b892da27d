import type {ApiVersion} from '../model/types.js';
import type {Codec} from './feed-message.js';
import {codecV1} from './v1/codec.js';
import {codecV2} from './v2/codec.js';

export function codecFor(api: ApiVersion): Codec {
	return api === 'v1' ? codecV1 : codecV2;
}
