import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, resolveTask } from '../../src/config/tasks.js';
import { UserError } from '../../src/errors.js';

describe('task registry', () => {
  it.each([
    ['classify', 'classify'],
    ['Classification', 'classify'],
    ['分类', 'classify'],
    ['识别', 'classify'],
    ['regression', 'regress'],
    ['回归', 'regress'],
    ['拟合', 'regress'],
    ['forecast', 'forecast'],
    ['timeseries', 'forecast'],
    ['时间序列', 'forecast'],
    ['预测', 'forecast'],
    ['image', 'image'],
    ['图像', 'image'],
    ['text', 'text'],
    ['sentiment', 'text'],
    ['文本', 'text'],
    ['cluster', 'cluster'],
    ['聚类', 'cluster'],
  ])('%s -> %s', (kw, task) => {
    expect(resolveTask(kw)).toBe(task);
  });

  it('default models', () => {
    expect(DEFAULT_MODEL.forecast).toBe('lstm');
    expect(DEFAULT_MODEL.image).toBe('cnn');
    expect(DEFAULT_MODEL.classify).toBe('mlp');
  });

  it('an unknown keyword lists the valid ones', () => {
    try {
      resolveTask('banana');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).format()).toContain('unknown task "banana"');
      expect((e as UserError).format()).toContain('classify, regress, forecast, image, text, cluster');
    }
  });
});
