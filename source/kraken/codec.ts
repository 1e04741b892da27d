import type {ApiVersion} from '../model/types.js';
import {codecV1} from './codec-v1.js';
import {codecV2} from './codec-v2.js';
import type {Codec} from './feed-message.js';

export function codecFor(api: ApiVersion): Codec {
	return api === 'v1' ? codecV1 : codecV2;
}
